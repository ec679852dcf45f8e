import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import type { TrainingRecord } from '../../../shared/domain/training';
import type { TrainingProvider } from '../../../shared/schemas/training';
import { documentClient } from '../../../shared/store/dynamo-client';
import { registryKeys } from '../../../shared/store/keys/registry-keys';
import { tableNames } from '../../../shared/store/tables';
import { TrainingRepository } from '../../../shared/store/training-repository';
import { anIdentity } from '../../builders/identity';
import { testId } from '../../builders/ids';
import { createTestTables } from '../../support/tables';

const aProvider = (overrides: Partial<TrainingProvider> = {}): TrainingProvider => ({
  id: 'rode-kruis-vlaanderen',
  name: 'Rode Kruis-Vlaanderen',
  charter: 'red-cross-flanders',
  updatedAt: '2025-01-10T08:00:00.000Z',
  ...overrides,
});

const admin = anIdentity(['municipal-admin'], '44021', 'gent-admin');

let next = 9000;
const aRecord = (overrides: Partial<TrainingRecord> = {}): TrainingRecord => ({
  id: testId(next++),
  kind: 'refresher',
  providerId: 'rode-kruis-vlaanderen',
  date: '2025-03-01',
  funded: true,
  recordedAt: '2025-03-02T09:00:00.000Z',
  ...overrides,
});

describe('TrainingRepository on DynamoDB Local', () => {
  let trainings: TrainingRepository;
  // A volunteer profile written as-is: these tests are about what the training repository reads and leaves alone.
  const putProfile = async (id: string) => {
    const Item = { ...registryKeys.volunteer(id), id, name: 'An Peeters', status: 'active' };
    await documentClient().send(new PutCommand({ TableName: tableNames.registry(), Item }));
    return Item;
  };
  const getItem = async (key: { pk: string; sk: string }) =>
    (await documentClient().send(new GetCommand({ TableName: tableNames.registry(), Key: key }))).Item;

  /** Records the way the service does: from the course count the profile holds now (a profile is made if missing). */
  const recordCourse = async (volunteerId: string, record: TrainingRecord) => {
    const profile: Record<string, unknown> =
      (await getItem(registryKeys.volunteer(volunteerId))) ?? (await putProfile(volunteerId));
    return trainings.record(volunteerId, record, admin, { count: Number(profile.trainingCount ?? 0) });
  };

  beforeAll(async () => {
    await createTestTables();
    trainings = new TrainingRepository();
  });

  describe('providers', () => {
    it('returns a provider as it was put, and undefined for an unknown id', async () => {
      const provider = aProvider({ id: 'vlaams-kruis', name: 'Vlaams Kruis', charter: 'vlaams-kruis' });
      await trainings.putProvider(provider);

      expect(await trainings.getProvider('vlaams-kruis')).toEqual(provider);
      expect(await trainings.getProvider('nobody-knows-me')).toBeUndefined();
      expect(await getItem({ pk: 'PROVIDERS', sk: 'vlaams-kruis' })).toEqual({
        pk: 'PROVIDERS',
        sk: 'vlaams-kruis',
        ...provider,
      });
    });

    it('replaces a provider that is put again under the same id', async () => {
      await trainings.putProvider(
        aProvider({ id: 'ehbo-gent', name: 'EHBO Gent', charter: 'approved-local' }),
      );
      const renamed = aProvider({
        id: 'ehbo-gent',
        name: 'EHBO-vereniging Gent',
        charter: 'approved-local',
        updatedAt: '2025-02-01T12:00:00.000Z',
      });

      await trainings.putProvider(renamed);

      expect(await trainings.getProvider('ehbo-gent')).toEqual(renamed);
    });

    it('lists every provider once, sorted by id, and nothing else of the table', async () => {
      await trainings.putProvider(aProvider());
      await trainings.putProvider(
        aProvider({ id: 'vlaams-kruis', name: 'Vlaams Kruis', charter: 'vlaams-kruis' }),
      );
      await trainings.putProvider(
        aProvider({ id: 'ehbo-gent', name: 'EHBO Gent', charter: 'approved-local' }),
      );
      await putProfile(testId(8000));

      const listed = await trainings.listProviders();

      expect(listed.map((p) => p.id)).toEqual(['ehbo-gent', 'rode-kruis-vlaanderen', 'vlaams-kruis']);
      expect(listed).toContainEqual(aProvider());
    });
  });

  describe('training records', () => {
    it('lists a volunteer’s records oldest first, whatever the order they were recorded in', async () => {
      const volunteerId = testId(8001);
      const simulation = aRecord({ kind: 'simulation', date: '2025-04-01' });
      const basic = aRecord({ kind: 'basic', date: '2024-02-10' });
      const refresher = aRecord({ kind: 'refresher', date: '2025-01-01' });
      for (const record of [simulation, basic, refresher]) {
        expect(await recordCourse(volunteerId, record)).toEqual(record);
      }

      expect(await trainings.listForVolunteer(volunteerId)).toEqual([basic, refresher, simulation]);
    });

    it('stores a record in the volunteer’s own partition, so erasing the volunteer erases it too', async () => {
      const volunteerId = testId(8007);
      const record = aRecord({ date: '2025-06-30' });
      await recordCourse(volunteerId, record);

      expect(await getItem({ pk: `VOL#${volunteerId}`, sk: `TRAINING#2025-06-30#${record.id}` })).toEqual({
        pk: `VOL#${volunteerId}`,
        sk: `TRAINING#2025-06-30#${record.id}`,
        ...record,
      });
    });

    it('records a repeat of the same record once and keeps the first one', async () => {
      const volunteerId = testId(8002);
      const first = aRecord({ funded: true });

      expect(await recordCourse(volunteerId, first)).toEqual(first);
      expect(
        await recordCourse(volunteerId, { ...first, funded: false, recordedAt: '2025-03-03T09:00:00Z' }),
      ).toBe('duplicate');

      expect(await trainings.listForVolunteer(volunteerId)).toEqual([first]);
    });

    it('keeps two courses of the same day apart when their ids differ', async () => {
      const volunteerId = testId(8003);
      const refresher = aRecord({ kind: 'refresher', date: '2025-05-05' });
      const simulation = aRecord({ kind: 'simulation', date: '2025-05-05' });
      await recordCourse(volunteerId, refresher);
      await recordCourse(volunteerId, simulation);

      expect(await trainings.listForVolunteer(volunteerId)).toEqual([refresher, simulation]);
    });

    it('keeps each volunteer’s records to themselves and counts them on the volunteer’s profile only', async () => {
      const volunteerId = testId(8006);
      const profile = await putProfile(volunteerId);
      const own = aRecord({ kind: 'simulation', date: '2025-02-02' });
      await recordCourse(volunteerId, own);
      await recordCourse(testId(8004), aRecord());

      expect(await trainings.listForVolunteer(volunteerId)).toEqual([own]);
      expect(await getItem(registryKeys.volunteer(volunteerId))).toEqual({ ...profile, trainingCount: 1 });
      expect(await trainings.listForVolunteer(testId(8005))).toEqual([]);
    });

    it('stores a second funded refresher of the same calendar year as unfunded and answers it so', async () => {
      const volunteerId = testId(8010);
      const first = aRecord({ kind: 'refresher', date: '2025-02-01', funded: true });
      const second = aRecord({ kind: 'refresher', date: '2025-11-20', funded: true });
      const nextYear = aRecord({ kind: 'refresher', date: '2026-01-05', funded: true });

      expect(await recordCourse(volunteerId, first)).toEqual(first);
      expect(await recordCourse(volunteerId, second)).toEqual({ ...second, funded: false });
      expect(await recordCourse(volunteerId, nextYear)).toEqual(nextYear);

      expect((await trainings.listForVolunteer(volunteerId)).map((r) => [r.date, r.funded])).toEqual([
        ['2025-02-01', true],
        ['2025-11-20', false],
        ['2026-01-05', true],
      ]);
    });

    it('funds a basic course once ever, whatever the year', async () => {
      const volunteerId = testId(8011);
      await recordCourse(volunteerId, aRecord({ kind: 'basic', date: '2024-03-01' }));

      const again = await recordCourse(volunteerId, aRecord({ kind: 'basic', date: '2025-03-01' }));

      expect(again).toMatchObject({ funded: false });
      expect((await trainings.listForVolunteer(volunteerId)).map((r) => r.funded)).toEqual([true, false]);
    });

    it('stores one of five courses computed from the same course count; the others are stale and write nothing', async () => {
      const volunteerId = testId(8012);
      await putProfile(volunteerId);
      const records = Array.from({ length: 5 }, (_, i) =>
        aRecord({ kind: 'refresher', date: `2025-0${i + 1}-10`, funded: true }),
      );

      const stored = await Promise.all(
        records.map((r) => trainings.record(volunteerId, r, admin, { count: 0 })),
      );

      expect(stored.filter((r) => r === 'stale')).toHaveLength(4);
      expect(await trainings.listForVolunteer(volunteerId)).toEqual(stored.filter((r) => r !== 'stale'));
      expect(await getItem(registryKeys.volunteer(volunteerId))).toMatchObject({ trainingCount: 1 });
    });
  });

  describe('the qualification date on the profile', () => {
    it('is written with the course, and removed when the caller says the member holds none', async () => {
      const volunteerId = testId(8020);
      const profile = await putProfile(volunteerId);
      const basic = aRecord({ kind: 'basic', date: '2025-02-02' });

      expect(
        await trainings.record(volunteerId, basic, admin, { count: 0, qualifiedSince: '2025-02-02' }),
      ).toEqual(basic);
      expect(await getItem(registryKeys.volunteer(volunteerId))).toEqual({
        ...profile,
        trainingCount: 1,
        qualifiedSince: '2025-02-02',
      });

      await trainings.record(volunteerId, aRecord({ kind: 'simulation' }), admin, { count: 1 });
      expect(await getItem(registryKeys.volunteer(volunteerId))).toEqual({ ...profile, trainingCount: 2 });
    });

    it('writes nothing and answers stale when a course was recorded since the caller counted', async () => {
      const volunteerId = testId(8021);
      await putProfile(volunteerId);
      await recordCourse(volunteerId, aRecord({ kind: 'basic', date: '2025-06-01' }));
      const before = await getItem(registryKeys.volunteer(volunteerId));
      const refresher = aRecord({ kind: 'refresher', date: '2026-01-10' });

      expect(
        await trainings.record(volunteerId, refresher, admin, { count: 0, qualifiedSince: '2026-01-10' }),
      ).toBe('stale');
      expect(await trainings.listForVolunteer(volunteerId)).toHaveLength(1);
      expect(await getItem(registryKeys.volunteer(volunteerId))).toEqual(before);
    });

    it('never creates a profile for a volunteer that does not exist', async () => {
      const volunteerId = testId(8022);

      expect(await trainings.record(volunteerId, aRecord({ kind: 'basic' }), admin, { count: 0 })).toBe(
        'stale',
      );
      expect(await getItem(registryKeys.volunteer(volunteerId))).toBeUndefined();
      expect(await trainings.listForVolunteer(volunteerId)).toEqual([]);
    });
  });
});

describe('TrainingRepository under a transaction conflict', () => {
  it('answers stale, so the service reads again and records anew, when a course of the same corps collides', async () => {
    const conflict = Object.assign(
      new Error('Transaction cancelled [None, None, None, TransactionConflict]'),
      {
        name: 'TransactionCanceledException',
        CancellationReasons: [
          { Code: 'None' },
          { Code: 'None' },
          { Code: 'None' },
          { Code: 'TransactionConflict' },
        ],
      },
    );
    const colliding = { send: async () => Promise.reject(conflict) };
    const trainings = new TrainingRepository(colliding as never, 'Registry');

    expect(
      await trainings.record(
        testId(1),
        aRecord(),
        admin,
        { count: 0 },
        { municipality: '44021', priorCertificate: false, earlierBasic: false },
      ),
    ).toBe('stale');
  });
});
