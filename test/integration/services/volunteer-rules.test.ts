import { beforeAll, describe, expect, it } from 'vitest';
import { Conflict, RuleViolation } from '../../../shared/domain/errors';
import { INSURANCE_POLICY_REFERENCE } from '../../../shared/domain/volunteer';
import {
  getVolunteer,
  putMunicipality,
  registerVolunteer,
  updateVolunteer,
} from '../../../shared/services/registry';
import { anIdentity } from '../../builders/identity';
import { aRegistration } from '../../builders/registration';
import { createTestTables } from '../../support/tables';
import { TestClock, type TestPorts, testPorts } from '../ports';

const MECHELEN = '12025';
const admin = anIdentity(['municipal-admin'], MECHELEN, 'mechelen-admin');
const REGISTERED_AT = '2026-03-02T10:00:00.000Z';

let ports: TestPorts;
beforeAll(async () => {
  await createTestTables();
  ports = testPorts(new TestClock(REGISTERED_AT));
  await putMunicipality(ports, anIdentity(['coordinator']), MECHELEN, { neighbours: [] });
});

describe('registering a volunteer with DynamoDB Local', () => {
  it('refuses a 17-year-old without a recorded parental consent, and stores nothing', async () => {
    const body = aRegistration({ birthDate: '2008-09-01' });
    const before = await ports.volunteers.corps(MECHELEN);

    const refusal = registerVolunteer(ports, admin, MECHELEN, body);

    await expect(refusal).rejects.toBeInstanceOf(RuleViolation);
    await expect(refusal).rejects.toMatchObject({ rule: 'parental-consent-required' });
    expect(await ports.volunteers.findIdByPhone(body.phone)).toBeUndefined();
    expect(await ports.volunteers.corps(MECHELEN)).toEqual(before);
  });

  it('registers a 17-year-old whose parental consent is recorded, keeping the consent on the record', async () => {
    const body = aRegistration({ birthDate: '2008-09-01', parentalConsent: { recordedOn: '2026-02-15' } });

    const volunteer = await registerVolunteer(ports, admin, MECHELEN, body);

    expect(await ports.volunteers.get(volunteer.id)).toMatchObject({
      birthDate: '2008-09-01',
      parentalConsent: { recordedOn: '2026-02-15' },
      status: 'active',
    });
  });

  it('covers a new member by the collective insurance from the moment of registration', async () => {
    const volunteer = await registerVolunteer(ports, admin, MECHELEN, aRegistration());

    expect((await ports.volunteers.get(volunteer.id))?.insurance).toEqual({
      status: 'covered',
      policyReference: INSURANCE_POLICY_REFERENCE,
      coveredFrom: REGISTERED_AT,
    });
    expect(volunteer.registeredAt).toBe(REGISTERED_AT);
  });

  it('refuses the same phone number twice, even written in the national form, and keeps the first member', async () => {
    const first = await registerVolunteer(ports, admin, MECHELEN, aRegistration({ phone: '+32478112233' }));
    const before = await ports.volunteers.corps(MECHELEN);

    await expect(
      registerVolunteer(
        ports,
        admin,
        MECHELEN,
        aRegistration({ name: 'Someone Else', phone: '0478 11 22 33' }),
      ),
    ).rejects.toBeInstanceOf(Conflict);

    expect(await ports.volunteers.findIdByPhone('+32478112233')).toBe(first.id);
    expect(await ports.volunteers.corps(MECHELEN)).toMatchObject({
      members: before.members,
      funded: before.funded,
    });
    expect(
      (await ports.volunteers.listByMunicipality(MECHELEN)).filter((v) => v.phone === '+32478112233'),
    ).toHaveLength(1);
  });
});

describe('updating a volunteer with DynamoDB Local', () => {
  it('pauses a volunteer until a date and resumes them when the date is set to null', async () => {
    const volunteer = await registerVolunteer(ports, admin, MECHELEN, aRegistration());
    ports.clock.set('2026-03-03T09:00:00.000Z');

    const paused = await updateVolunteer(ports, admin, volunteer.id, { pausedUntil: '2026-04-30' });
    expect(paused).toMatchObject({ pausedUntil: '2026-04-30', updatedAt: '2026-03-03T09:00:00.000Z' });
    expect((await getVolunteer(ports, admin, volunteer.id)).pausedUntil).toBe('2026-04-30');

    ports.clock.set('2026-03-04T09:00:00.000Z');
    const resumed = await updateVolunteer(ports, admin, volunteer.id, { pausedUntil: null });

    expect(resumed).not.toHaveProperty('pausedUntil');
    expect(await ports.volunteers.get(volunteer.id)).not.toHaveProperty('pausedUntil');
    expect(resumed.updatedAt).toBe('2026-03-04T09:00:00.000Z');
  });

  it('refuses the second of two updates computed from the same read, and keeps the first', async () => {
    ports.clock.set(REGISTERED_AT);
    const read = await registerVolunteer(ports, admin, MECHELEN, aRegistration());

    await ports.volunteers.update(
      read,
      { availabilityNotes: 'weekends only' },
      '2026-03-05T09:00:00.000Z',
      admin,
    );

    await expect(
      ports.volunteers.update(read, { availabilityNotes: 'evenings' }, '2026-03-05T09:00:01.000Z', admin),
    ).rejects.toBeInstanceOf(Conflict);
    expect(await ports.volunteers.get(read.id)).toMatchObject({
      availabilityNotes: 'weekends only',
      updatedAt: '2026-03-05T09:00:00.000Z',
    });
  });

  it('lets the volunteer update their own record but hides another volunteer’s', async () => {
    ports.clock.set(REGISTERED_AT);
    const own = await registerVolunteer(ports, admin, MECHELEN, aRegistration());
    const someoneElse = await registerVolunteer(ports, admin, MECHELEN, aRegistration());
    const self = { sub: 'volunteer-sub', roles: ['volunteer' as const], volunteerId: own.id };

    expect(await updateVolunteer(ports, self, own.id, { skills: ['first-aid'] })).toMatchObject({
      skills: ['first-aid'],
    });
    await expect(updateVolunteer(ports, self, someoneElse.id, { skills: [] })).rejects.toMatchObject({
      name: 'NotFound',
    });
    expect((await ports.volunteers.get(someoneElse.id))?.skills).toEqual(someoneElse.skills);
  });
});
