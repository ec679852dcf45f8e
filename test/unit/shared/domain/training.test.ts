import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RuleViolation } from '../../../../shared/domain/errors';
import {
  assertRecordable,
  DEFAULT_VALIDITY_YEARS,
  isFunded,
  isQualified,
  qualifiedSince,
  type TrainingKind,
  type TrainingRecord,
  trainingStatus,
} from '../../../../shared/domain/training';

let next = 1;
const course = (kind: TrainingKind, date: string, funded = true): TrainingRecord => ({
  id: `01JZ${String(next++).padStart(22, '0')}`,
  kind,
  providerId: 'rode-kruis-vlaanderen',
  date,
  funded,
  recordedAt: `${date}T18:00:00.000Z`,
});

describe('isFunded', () => {
  it.each([
    {
      kind: 'basic',
      date: '2025-03-01',
      existing: [],
      prior: false,
      funded: true,
      why: 'a first basic course',
    },
    {
      kind: 'basic',
      date: '2025-03-01',
      existing: [],
      prior: true,
      funded: false,
      why: 'a basic course for someone who already held a certificate',
    },
    {
      kind: 'basic',
      date: '2025-03-01',
      existing: [course('basic', '2023-10-01')],
      prior: false,
      funded: false,
      why: 'a second basic course (already funded once)',
    },
    {
      kind: 'refresher',
      date: '2025-03-01',
      existing: [],
      prior: true,
      funded: true,
      why: 'a refresher for someone with a prior certificate',
    },
    {
      kind: 'simulation',
      date: '2025-03-01',
      existing: [],
      prior: true,
      funded: true,
      why: 'a simulation for someone with a prior certificate',
    },
    {
      kind: 'refresher',
      date: '2025-09-01',
      existing: [course('basic', '2025-01-10'), course('refresher', '2025-03-01')],
      prior: false,
      funded: false,
      why: 'a second refresher in the same calendar year',
    },
    {
      kind: 'refresher',
      date: '2025-01-05',
      existing: [course('basic', '2024-10-01'), course('refresher', '2025-11-20')],
      prior: false,
      funded: false,
      why: 'a refresher recorded late for earlier in a year already funded',
    },
    {
      kind: 'simulation',
      date: '2025-10-01',
      existing: [course('basic', '2024-10-01'), course('simulation', '2025-02-01')],
      prior: false,
      funded: false,
      why: 'a second simulation in the same calendar year',
    },
    {
      kind: 'refresher',
      date: '2025-01-01',
      existing: [course('basic', '2024-10-01'), course('refresher', '2024-12-31')],
      prior: false,
      funded: true,
      why: 'a refresher on New Year’s Day after one on New Year’s Eve',
    },
    {
      kind: 'simulation',
      date: '2026-01-01',
      existing: [course('basic', '2024-10-01'), course('simulation', '2025-12-31')],
      prior: false,
      funded: true,
      why: 'a simulation on New Year’s Day after one on New Year’s Eve',
    },
    {
      kind: 'simulation',
      date: '2025-05-01',
      existing: [course('basic', '2024-10-01'), course('refresher', '2025-04-01')],
      prior: false,
      funded: true,
      why: 'a simulation in a year whose refresher was funded (each kind counts apart)',
    },
    {
      kind: 'refresher',
      date: '2025-03-01',
      existing: [],
      prior: false,
      funded: false,
      why: 'a refresher for someone with neither a basic course nor a certificate',
    },
    {
      kind: 'simulation',
      date: '2025-03-01',
      existing: [course('refresher', '2024-03-01', false)],
      prior: false,
      funded: false,
      why: 'a simulation for someone whose only course is a refresher',
    },
    {
      kind: 'refresher',
      date: '2025-03-01',
      existing: [course('basic', '2025-06-01')],
      prior: false,
      funded: false,
      why: 'a refresher recorded late, dated before the basic course that followed it',
    },
    {
      kind: 'simulation',
      date: '2025-03-01',
      existing: [course('basic', '2024-06-01', false)],
      prior: false,
      funded: true,
      why: 'a simulation after a basic course the subsidy did not pay for',
    },
  ] as const)('$funded for $why', ({ kind, date, existing, prior, funded }) => {
    expect(isFunded(kind, date, existing, prior, 'flanders')).toBe(funded);
  });

  it.each(['basic', 'refresher', 'simulation'] as const)(
    'never funds a %s course of a member the municipality pays for (81st and later)',
    (kind) => {
      const existing = kind === 'basic' ? [] : [course('basic', '2024-06-01', false)];
      expect(isFunded(kind, '2025-03-01', existing, false, 'municipality')).toBe(false);
      expect(isFunded(kind, '2025-03-01', existing, false, 'flanders')).toBe(true);
    },
  );
});

describe('trainingStatus', () => {
  it('counts validity over two calendar years by default', () => {
    expect(DEFAULT_VALIDITY_YEARS).toBe(2);
  });

  it.each([
    {
      why: 'a basic course in 2023 has lapsed on 2025-01-01',
      trainings: [course('basic', '2023-05-10')],
      prior: undefined,
      today: '2025-01-01',
      deployable: false,
      last: '2023-05-10',
    },
    {
      why: 'a basic course on 2024-01-01 still holds on 2025-12-31',
      trainings: [course('basic', '2024-01-01')],
      prior: undefined,
      today: '2025-12-31',
      deployable: true,
      last: '2024-01-01',
    },
    {
      why: 'a basic course on 2024-12-31 lapses on 2026-01-01',
      trainings: [course('basic', '2024-12-31')],
      prior: undefined,
      today: '2026-01-01',
      deployable: false,
      last: '2024-12-31',
    },
    {
      why: 'a refresher in 2024 keeps a 2023 basic course valid in 2025',
      trainings: [course('basic', '2023-05-10'), course('refresher', '2024-11-20')],
      prior: undefined,
      today: '2025-01-01',
      deployable: true,
      last: '2024-11-20',
    },
    {
      why: 'a prior certificate from 2024 counts as basic training in 2025',
      trainings: [],
      prior: '2024-06-01',
      today: '2025-03-01',
      deployable: true,
      last: '2024-06-01',
    },
    {
      why: 'a prior certificate from 2020 alone has lapsed',
      trainings: [],
      prior: '2020-06-01',
      today: '2025-03-01',
      deployable: false,
      last: '2020-06-01',
    },
    {
      why: 'a refresher in 2025 renews an old prior certificate',
      trainings: [course('refresher', '2025-02-01')],
      prior: '2020-06-01',
      today: '2025-03-01',
      deployable: true,
      last: '2025-02-01',
    },
    {
      why: 'a refresher without basic training or certificate is not enough',
      trainings: [course('refresher', '2025-02-01')],
      prior: undefined,
      today: '2025-03-01',
      deployable: false,
      last: '2025-02-01',
    },
    {
      why: 'a simulation does not renew the validity',
      trainings: [course('basic', '2022-05-01'), course('simulation', '2025-02-01')],
      prior: undefined,
      today: '2025-03-01',
      deployable: false,
      last: '2022-05-01',
    },
    {
      why: 'a course after `today` does not count yet',
      trainings: [course('basic', '2025-06-01')],
      prior: undefined,
      today: '2025-05-31',
      deployable: false,
      last: undefined,
    },
    {
      why: 'nothing on record',
      trainings: [],
      prior: undefined,
      today: '2025-03-01',
      deployable: false,
      last: undefined,
    },
  ])('deployable $deployable when $why', ({ trainings, prior, today, deployable, last }) => {
    const status = trainingStatus({ trainings, priorCertificateDate: prior, today });
    expect(status.deployable).toBe(deployable);
    expect(status.lastQualifyingDate).toBe(last);
  });

  it.each([
    { validityYears: 1, today: '2025-12-31', deployable: true },
    { validityYears: 1, today: '2026-01-01', deployable: false },
    { validityYears: 3, today: '2027-12-31', deployable: true },
    { validityYears: 3, today: '2028-01-01', deployable: false },
  ])(
    'with a validity of $validityYears calendar years, a basic course of 2025-12-31 is deployable $deployable on $today',
    ({ validityYears, today, deployable }) => {
      expect(
        trainingStatus({ trainings: [course('basic', '2025-12-31')], today, validityYears }).deployable,
      ).toBe(deployable);
    },
  );

  it('reports basicDone only for a basic course on record, not for a prior certificate', () => {
    expect(
      trainingStatus({ trainings: [course('basic', '2025-01-10')], today: '2025-03-01' }).basicDone,
    ).toBe(true);
    expect(
      trainingStatus({ trainings: [], priorCertificateDate: '2025-01-10', today: '2025-03-01' }).basicDone,
    ).toBe(false);
  });

  it('leaves lastQualifyingDate out when nothing qualifies', () => {
    expect(trainingStatus({ trainings: [], today: '2025-03-01' })).toEqual({
      deployable: false,
      basicDone: false,
      refresherDueThisYear: true,
      simulationDueThisYear: true,
    });
  });

  it.each([
    {
      why: 'both were followed last year',
      trainings: [course('refresher', '2024-12-31'), course('simulation', '2024-12-31')],
      today: '2025-01-01',
      refresherDue: true,
      simulationDue: true,
    },
    {
      why: 'both were followed on New Year’s Day',
      trainings: [course('refresher', '2025-01-01'), course('simulation', '2025-01-01')],
      today: '2025-01-01',
      refresherDue: false,
      simulationDue: false,
    },
    {
      why: 'only the refresher was followed this year',
      trainings: [course('basic', '2024-03-01'), course('refresher', '2025-02-01')],
      today: '2025-06-01',
      refresherDue: false,
      simulationDue: true,
    },
    {
      why: 'only the simulation was followed this year',
      trainings: [course('simulation', '2025-02-01', false)],
      today: '2025-06-01',
      refresherDue: true,
      simulationDue: false,
    },
  ])(
    'refresher due $refresherDue, simulation due $simulationDue when $why',
    ({ trainings, today, refresherDue, simulationDue }) => {
      expect(trainingStatus({ trainings, today })).toMatchObject({
        refresherDueThisYear: refresherDue,
        simulationDueThisYear: simulationDue,
      });
    },
  );

  it('gives the whole status for a member in good standing', () => {
    const trainings = [
      course('basic', '2024-03-01'),
      course('refresher', '2025-02-01'),
      course('simulation', '2025-04-01'),
    ];
    expect(trainingStatus({ trainings, today: '2025-06-01' })).toEqual({
      deployable: true,
      basicDone: true,
      lastQualifyingDate: '2025-02-01',
      refresherDueThisYear: false,
      simulationDueThisYear: false,
    });
  });
});

describe('assertRecordable', () => {
  const birthDate = '1990-04-12';
  const ruleOf = (record: () => void): string | undefined => {
    try {
      record();
    } catch (error) {
      expect(error).toBeInstanceOf(RuleViolation);
      return (error as RuleViolation).rule;
    }
    return undefined;
  };

  it.each([
    { date: '2025-06-02', today: '2025-06-01', rule: 'training-date-in-future', why: 'tomorrow' },
    { date: '2026-01-01', today: '2025-12-31', rule: 'training-date-in-future', why: 'next year' },
    { date: '1990-04-11', today: '2025-06-01', rule: 'training-before-birth', why: 'the day before birth' },
    { date: '1980-01-01', today: '2025-06-01', rule: 'training-before-birth', why: 'years before birth' },
  ])('refuses a course on $date ($why) with $rule', ({ date, today, rule }) => {
    expect(ruleOf(() => assertRecordable(date, today, birthDate))).toBe(rule);
  });

  it.each([
    { date: '2025-06-01', today: '2025-06-01', why: 'today' },
    { date: '2024-12-31', today: '2025-01-01', why: 'yesterday, across New Year' },
    { date: '1990-04-12', today: '2025-06-01', why: 'the day of birth (not before it)' },
  ])('accepts a course on $date ($why)', ({ date, today }) => {
    expect(() => assertRecordable(date, today, birthDate)).not.toThrow();
  });
});

describe('qualifiedSince on the profile', () => {
  const day = fc
    .date({
      min: new Date('2015-01-01T00:00:00Z'),
      max: new Date('2027-12-31T00:00:00Z'),
      noInvalidDate: true,
    })
    .map((d) => d.toISOString().slice(0, 10));
  const records = fc.array(fc.tuple(fc.constantFrom<TrainingKind>('basic', 'refresher', 'simulation'), day), {
    maxLength: 6,
  });

  it('tells mobilisation the same as the full training status, for any history held by that day', () => {
    fc.assert(
      fc.property(
        records,
        fc.option(day, { nil: undefined }),
        day,
        fc.integer({ min: 1, max: 4 }),
        (held, prior, today, validityYears) => {
          const trainings = held
            .filter(([, date]) => date <= today)
            .map(([kind, date]) => course(kind, date));
          const priorHeld = prior !== undefined && prior <= today ? prior : undefined;
          expect(isQualified(qualifiedSince(trainings, priorHeld), today, validityYears)).toBe(
            trainingStatus({
              trainings,
              ...(priorHeld ? { priorCertificateDate: priorHeld } : {}),
              today,
              validityYears,
            }).deployable,
          );
        },
      ),
    );
  });

  it('is absent for refreshers and simulations alone, and the latest qualifying date otherwise', () => {
    expect(
      qualifiedSince([course('refresher', '2025-01-01'), course('simulation', '2025-02-01')]),
    ).toBeUndefined();
    expect(qualifiedSince([course('refresher', '2025-01-01')], '2020-05-05')).toBe('2025-01-01');
    expect(qualifiedSince([course('basic', '2024-01-01'), course('simulation', '2026-02-01')])).toBe(
      '2024-01-01',
    );
  });
});
