import { beforeAll, describe, expect, it } from 'vitest';
import { RuleViolation } from '../../../shared/domain/errors';
import type { RecordTrainingBody } from '../../../shared/schemas/training';
import { putMunicipality, registerVolunteer } from '../../../shared/services/registry';
import { putTrainingProvider, recordTraining, withTrainingStatus } from '../../../shared/services/training';
import { anIdentity } from '../../builders/identity';
import { aRegistration } from '../../builders/registration';
import { createTestTables } from '../../support/tables';
import { TestClock, type TestPorts, testPorts } from '../ports';

const LEUVEN = '24062';
const coordinator = anIdentity(['coordinator'], undefined, 'coordinator-1');
const admin = anIdentity(['municipal-admin'], LEUVEN, 'leuven-admin');
const PROVIDER = 'rode-kruis-vlaanderen';

let ports: TestPorts;
beforeAll(async () => {
  await createTestTables();
  ports = testPorts(new TestClock('2026-06-15T10:00:00.000Z'));
  await putMunicipality(ports, coordinator, LEUVEN, { neighbours: [] });
  await putTrainingProvider(ports, coordinator, PROVIDER, {
    name: 'Rode Kruis-Vlaanderen',
    charter: 'red-cross-flanders',
  });
});

const aMember = (overrides: Record<string, unknown> = {}) =>
  registerVolunteer(ports, admin, LEUVEN, aRegistration(overrides));

const course = (kind: RecordTrainingBody['kind'], date: string): RecordTrainingBody => ({
  kind,
  providerId: PROVIDER,
  date,
});

describe('recordTraining with DynamoDB Local', () => {
  it('refuses a course by a provider outside the quality charter, and records nothing', async () => {
    const volunteer = await aMember();

    const refusal = recordTraining(ports, admin, volunteer.id, {
      ...course('basic', '2026-05-01'),
      providerId: 'cursus-om-de-hoek',
    });

    await expect(refusal).rejects.toBeInstanceOf(RuleViolation);
    await expect(refusal).rejects.toMatchObject({ rule: 'unknown-training-provider' });
    expect(await ports.trainings.listForVolunteer(volunteer.id)).toEqual([]);
  });

  it('records the basic course of a volunteer who held a first-aid certificate before as not funded', async () => {
    const volunteer = await aMember({ priorFirstAidCertificate: { date: '2024-05-01' } });

    const record = await recordTraining(ports, admin, volunteer.id, course('basic', '2026-05-01'));

    expect(record).toMatchObject({ kind: 'basic', funded: false, recordedAt: '2026-06-15T10:00:00.000Z' });
    expect(await ports.trainings.listForVolunteer(volunteer.id)).toEqual([record]);
  });

  it('funds the basic course of a volunteer without a prior certificate', async () => {
    const volunteer = await aMember();

    expect(await recordTraining(ports, admin, volunteer.id, course('basic', '2026-05-01'))).toMatchObject({
      funded: true,
    });
  });

  it('funds the first refresher of a calendar year and not the second', async () => {
    const volunteer = await aMember();
    await recordTraining(ports, admin, volunteer.id, course('basic', '2025-05-01'));

    const first = await recordTraining(ports, admin, volunteer.id, course('refresher', '2026-02-01'));
    const second = await recordTraining(ports, admin, volunteer.id, course('refresher', '2026-05-20'));

    expect([first.funded, second.funded]).toEqual([true, false]);
    expect((await ports.trainings.listForVolunteer(volunteer.id)).map((r) => r.funded)).toEqual([
      true,
      true,
      false,
    ]);
  });

  it('funds exactly one of two refreshers of the same year recorded at the same moment', async () => {
    const volunteer = await aMember({ priorFirstAidCertificate: { date: '2024-05-01' } });

    const records = await Promise.all([
      recordTraining(ports, admin, volunteer.id, course('refresher', '2026-03-01')),
      recordTraining(ports, admin, volunteer.id, course('refresher', '2026-04-01')),
    ]);

    expect(records.filter((r) => r.funded)).toHaveLength(1);
    const stored = await ports.trainings.listForVolunteer(volunteer.id);
    expect(stored).toHaveLength(2);
    expect(stored.filter((r) => r.funded)).toHaveLength(1);
  });

  it('does not fund a refresher or simulation of a member with neither a basic course nor a certificate', async () => {
    const volunteer = await aMember();

    const refresher = await recordTraining(ports, admin, volunteer.id, course('refresher', '2026-02-01'));
    const simulation = await recordTraining(ports, admin, volunteer.id, course('simulation', '2026-03-01'));

    expect([refresher.funded, simulation.funded]).toEqual([false, false]);
  });

  it('keeps the qualification date on the profile: a basic course and a refresher move it, a simulation does not', async () => {
    const volunteer = await aMember();
    expect(volunteer.qualifiedSince).toBeUndefined();

    await recordTraining(ports, admin, volunteer.id, course('basic', '2025-05-01'));
    await recordTraining(ports, admin, volunteer.id, course('refresher', '2026-02-01'));
    await recordTraining(ports, admin, volunteer.id, course('simulation', '2026-05-01'));
    await recordTraining(ports, admin, volunteer.id, course('refresher', '2025-09-01'));

    expect((await ports.volunteers.get(volunteer.id))?.qualifiedSince).toBe('2026-02-01');
  });

  it('qualifies a member with a prior certificate from registration, and nobody on a refresher alone', async () => {
    const certified = await aMember({ priorFirstAidCertificate: { date: '2025-10-10' } });
    const refresherOnly = await aMember();
    await recordTraining(ports, admin, refresherOnly.id, course('refresher', '2026-01-15'));

    expect(certified.qualifiedSince).toBe('2025-10-10');
    expect((await ports.volunteers.get(refresherOnly.id))?.qualifiedSince).toBeUndefined();
  });

  it('ends with the latest date when courses that move the qualification are recorded at the same moment', async () => {
    const volunteer = await aMember();

    await Promise.all([
      recordTraining(ports, admin, volunteer.id, course('basic', '2025-03-01')),
      recordTraining(ports, admin, volunteer.id, course('refresher', '2026-04-01')),
      recordTraining(ports, admin, volunteer.id, course('refresher', '2026-01-01')),
    ]);

    expect(await ports.trainings.listForVolunteer(volunteer.id)).toHaveLength(3);
    expect((await ports.volunteers.get(volunteer.id))?.qualifiedSince).toBe('2026-04-01');
  });

  it('says a volunteer is deployable after a basic course this year, and not before it', async () => {
    const volunteer = await aMember();
    expect((await withTrainingStatus(ports, volunteer)).training).toMatchObject({
      deployable: false,
      basicDone: false,
    });

    await recordTraining(ports, admin, volunteer.id, course('basic', '2026-06-01'));

    expect((await withTrainingStatus(ports, volunteer)).training).toEqual({
      deployable: true,
      basicDone: true,
      lastQualifyingDate: '2026-06-01',
      refresherDueThisYear: true,
      simulationDueThisYear: true,
    });
  });
});
