import { beforeAll, describe, expect, it } from 'vitest';
import { Conflict } from '../../../shared/domain/errors';
import type { Volunteer } from '../../../shared/schemas/volunteer';
import { VolunteerRepository } from '../../../shared/store/volunteer-repository';
import { anIdentity } from '../../builders/identity';
import { aMobilePhone } from '../../builders/phone';
import { aVolunteer } from '../../builders/volunteer';
import { createTestTables } from '../../support/tables';

const admin = anIdentity(['coordinator'], undefined, 'coordinator-1');

describe('VolunteerRepository on DynamoDB Local', () => {
  let volunteers: VolunteerRepository;
  /** Registers one member as the registration service does, and answers what was stored. */
  const register = async (volunteer: Volunteer): Promise<Volunteer> => {
    const [stored] = await volunteers.registerMembers(volunteer.municipality, [volunteer], admin);
    return stored!;
  };

  beforeAll(async () => {
    await createTestTables();
    volunteers = new VolunteerRepository();
  });

  it('returns a registered volunteer by id and by phone number', async () => {
    const volunteer = aVolunteer({ municipality: '11001', phone: aMobilePhone(), email: 'an@example.be' });
    const stored = await register(volunteer);

    expect(stored).toEqual(volunteer);
    expect(await volunteers.get(volunteer.id)).toEqual(volunteer);
    expect(await volunteers.findIdByPhone(volunteer.phone)).toBe(volunteer.id);
  });

  it('answers undefined for an id or a phone number nobody registered', async () => {
    expect(await volunteers.get('01JZNOBODY0000000000000000')).toBeUndefined();
    expect(await volunteers.findIdByPhone('+32499999999')).toBeUndefined();
  });

  it('lists and counts the corps of one municipality only', async () => {
    const mechelen = [
      aVolunteer({ municipality: '12025', phone: aMobilePhone() }),
      aVolunteer({ municipality: '12025', phone: aMobilePhone(), name: 'Bart Claes' }),
    ];
    const leuven = aVolunteer({ municipality: '24062', phone: aMobilePhone() });
    for (const volunteer of [...mechelen, leuven]) await register(volunteer);

    const listed = await volunteers.listByMunicipality('12025');
    expect(listed.map((v) => v.id).sort()).toEqual(mechelen.map((v) => v.id).sort());
    expect(listed).toContainEqual(mechelen[0]);
    expect(await volunteers.corps('12025')).toMatchObject({ members: 2, funded: 2 });
    expect(await volunteers.corps('24062')).toMatchObject({ members: 1, funded: 1 });
    expect(await volunteers.corps('11002')).toEqual({ members: 0, funded: 0, version: 0 });
    expect(await volunteers.listByMunicipality('11002')).toEqual([]);
  });

  it('refuses a second volunteer with the same phone and writes nothing of it', async () => {
    const phone = aMobilePhone();
    const first = aVolunteer({ municipality: '44019', phone });
    const second = aVolunteer({ municipality: '44019', phone, name: 'Another Person' });
    await register(first);

    await expect(register(second)).rejects.toBeInstanceOf(Conflict);

    expect(await volunteers.get(second.id)).toBeUndefined();
    expect(await volunteers.corps('44019')).toMatchObject({ members: 1, funded: 1 });
    expect(await volunteers.findIdByPhone(phone)).toBe(first.id);
  });

  it('refuses a second registration of the same id and does not claim the new phone number', async () => {
    const first = aVolunteer({ municipality: '44020', phone: aMobilePhone() });
    const again = { ...first, phone: aMobilePhone() };
    await register(first);

    await expect(register(again)).rejects.toBeInstanceOf(Conflict);

    expect(await volunteers.findIdByPhone(again.phone)).toBeUndefined();
    expect(await volunteers.get(first.id)).toEqual(first);
    expect((await volunteers.corps('44020')).members).toBe(1);
  });

  it('marks a volunteer who opts out as opted-out, and a second opt-out leaves them opted out', async () => {
    const volunteer = await register(aVolunteer({ municipality: '11004', phone: aMobilePhone() }));

    await volunteers.optOut(volunteer.id, '2026-03-01T10:05:00.000Z');
    expect(await volunteers.get(volunteer.id)).toEqual({
      ...volunteer,
      status: 'opted-out',
      optedOutAt: '2026-03-01T10:05:00.000Z',
      // Their Flanders-funded place was handed over: nobody else in the corps, so it is free again.
      fundingSource: 'municipality',
      updatedAt: '2026-03-01T10:05:00.000Z',
    });

    await volunteers.optOut(volunteer.id, '2026-03-01T10:06:00.000Z');
    expect(await volunteers.get(volunteer.id)).toMatchObject({
      status: 'opted-out',
      optedOutAt: '2026-03-01T10:05:00.000Z',
      updatedAt: '2026-03-01T10:05:00.000Z',
    });
  });

  it('does not create a volunteer record when an unknown id opts out', async () => {
    const id = '01JZUNKNOWNVOLUNTEER000000';

    await volunteers.optOut(id, '2026-03-01T10:05:00.000Z');
    expect(await volunteers.get(id)).toBeUndefined();
  });
});
