import { ulid } from 'ulid';
import { beforeAll, describe, expect, it } from 'vitest';
import { RuleViolation } from '../../../shared/domain/errors';
import { type RegisterVolunteerBody, registerVolunteerBodySchema } from '../../../shared/schemas/volunteer';
import { putMunicipality, registerVolunteer } from '../../../shared/services/registry';
import { AlertRepository } from '../../../shared/store/alert-repository';
import { MunicipalityRepository } from '../../../shared/store/municipality-repository';
import { TrainingRepository } from '../../../shared/store/training-repository';
import { VolunteerRepository } from '../../../shared/store/volunteer-repository';
import { anIdentity } from '../../builders/identity';
import { aMobilePhone } from '../../builders/phone';
import { createTestTables } from '../../support/tables';

const GENT = '44021';
const coordinator = anIdentity(['coordinator'], undefined, 'coordinator-1');

/** 23:30 UTC on 1 March is already 2 March in Brussels (UTC+1 in winter). */
const clock = { now: () => new Date('2026-03-01T23:30:00Z') };

const aRegistration = (overrides: Partial<RegisterVolunteerBody> = {}): RegisterVolunteerBody =>
  registerVolunteerBodySchema.parse({
    name: 'Lotte Janssens',
    birthDate: '1995-06-20',
    phone: aMobilePhone(),
    ...overrides,
  });

describe('registerVolunteer with DynamoDB Local', () => {
  let ports: {
    municipalities: MunicipalityRepository;
    volunteers: VolunteerRepository;
    alerts: AlertRepository;
    trainings: TrainingRepository;
    clock: typeof clock;
    newId: () => string;
  };
  beforeAll(async () => {
    await createTestTables();
    ports = {
      municipalities: new MunicipalityRepository(),
      volunteers: new VolunteerRepository(),
      alerts: new AlertRepository(),
      trainings: new TrainingRepository(),
      clock,
      newId: () => ulid(),
    };
    await putMunicipality(ports, coordinator, GENT, { neighbours: ['44019'] });
  });

  it('registers a volunteer of a joined municipality as an active corps member', async () => {
    const body = aRegistration();

    const volunteer = await registerVolunteer(ports, coordinator, GENT, body);

    expect(volunteer).toMatchObject({
      ...body,
      municipality: GENT,
      status: 'active',
      registeredAt: '2026-03-01T23:30:00.000Z',
    });
    expect(await ports.volunteers.get(volunteer.id)).toEqual(volunteer);
    expect(await ports.volunteers.findIdByPhone(body.phone)).toBe(volunteer.id);
  });

  it('accepts a volunteer who turns 16 today on the Belgian calendar, though it is still yesterday in UTC', async () => {
    const volunteer = await registerVolunteer(
      ports,
      coordinator,
      GENT,
      aRegistration({ birthDate: '2010-03-02', parentalConsent: { recordedOn: '2026-02-20' } }),
    );

    expect(await ports.volunteers.get(volunteer.id)).toEqual(volunteer);
  });

  it('refuses a volunteer who turns 16 only tomorrow on the Belgian calendar, and stores nothing', async () => {
    const body = aRegistration({ birthDate: '2010-03-03', parentalConsent: { recordedOn: '2026-02-20' } });

    const refusal = registerVolunteer(ports, coordinator, GENT, body);

    await expect(refusal).rejects.toBeInstanceOf(RuleViolation);
    await expect(refusal).rejects.toMatchObject({ rule: 'minimum-age' });
    expect(await ports.volunteers.findIdByPhone(body.phone)).toBeUndefined();
  });

  it('refuses a volunteer for a municipality that has not joined, and stores nothing', async () => {
    const body = aRegistration();

    const refusal = registerVolunteer(ports, coordinator, '44019', body);

    await expect(refusal).rejects.toBeInstanceOf(RuleViolation);
    await expect(refusal).rejects.toMatchObject({ rule: 'municipality-not-joined' });
    expect((await ports.volunteers.corps('44019')).members).toBe(0);
    expect(await ports.volunteers.listByMunicipality('44019')).toEqual([]);
    expect(await ports.volunteers.findIdByPhone(body.phone)).toBeUndefined();
  });
});
