import { describe, expect, it } from 'vitest';
import {
  belgianMonth,
  corpsMoved,
  courseCategory,
  courseRecorded,
  deploymentEnded,
  minutesByMonth,
  requestLaunched,
  spontaneousRegistered,
} from '../../../../shared/domain/annual-counters';

describe('belgianMonth', () => {
  it.each([
    ['2025-12-31T22:59:00.000Z', '2025-12'],
    ['2025-12-31T23:00:00.000Z', '2026-01'],
    ['2025-06-30T21:59:00.000Z', '2025-06'],
    ['2025-06-30T22:00:00.000Z', '2025-07'],
  ])('puts %s in the Belgian month %s', (iso, month) => {
    expect(belgianMonth(iso)).toBe(month);
  });
});

describe('minutesByMonth', () => {
  it('splits a night shift over New Year at Belgian midnight', () => {
    // 23:00 to 02:00 Belgian time.
    expect(minutesByMonth('2025-12-31T22:00:00.000Z', '2026-01-01T01:00:00.000Z')).toEqual([
      ['2025-12', 60],
      ['2026-01', 120],
    ]);
  });

  it('splits at the summer-time midnight too (22:00 UTC)', () => {
    expect(minutesByMonth('2025-07-31T21:30:00.000Z', '2025-08-01T00:00:00.000Z')).toEqual([
      ['2025-07', 30],
      ['2025-08', 120],
    ]);
  });

  it('keeps a period within one month whole, rounded to the minute', () => {
    expect(minutesByMonth('2025-03-10T10:00:00.000Z', '2025-03-10T12:00:29.000Z')).toEqual([
      ['2025-03', 120],
    ]);
  });

  it('gives parts that add up to the rounded total over several months', () => {
    const parts = minutesByMonth('2025-01-15T10:00:20.000Z', '2025-04-02T07:45:50.000Z');
    expect(parts.map(([month]) => month)).toEqual(['2025-01', '2025-02', '2025-03', '2025-04']);
    const total = Math.round(
      (Date.parse('2025-04-02T07:45:50.000Z') - Date.parse('2025-01-15T10:00:20.000Z')) / 60_000,
    );
    expect(parts.reduce((sum, [, minutes]) => sum + minutes, 0)).toBe(total);
  });
});

describe('the counters of each event', () => {
  it('counts joins and leaves with the change of funded places, in the Belgian year', () => {
    expect(corpsMoved('2025-12-31T23:30:00.000Z', 3, 2)).toEqual([
      { year: 2026, counters: { joined: 3, fundedChange: 2 } },
    ]);
    expect(corpsMoved('2025-05-01T10:00:00.000Z', -1, 0)).toEqual([{ year: 2025, counters: { left: 1 } }]);
  });

  it.each([
    [{ kind: 'basic', funded: true }, { priorCertificate: true, earlierBasic: false }, 'funded'],
    [{ kind: 'basic', funded: false }, { priorCertificate: true, earlierBasic: false }, 'prior-certificate'],
    [{ kind: 'basic', funded: false }, { priorCertificate: true, earlierBasic: true }, 'repeat'],
    [{ kind: 'basic', funded: false }, { priorCertificate: false, earlierBasic: true }, 'repeat'],
    [{ kind: 'refresher', funded: false }, { priorCertificate: false, earlierBasic: true }, 'not-funded'],
    [{ kind: 'simulation', funded: true }, { priorCertificate: false, earlierBasic: false }, 'funded'],
  ] as const)('files %o with %o as %s', (course, context, category) => {
    expect(courseCategory(course, context)).toBe(category);
  });

  it('counts a course in the year it was followed', () => {
    expect(
      courseRecorded(
        { kind: 'refresher', date: '2025-12-20', funded: true },
        { priorCertificate: false, earlierBasic: true },
      ),
    ).toEqual([{ year: 2025, counters: { refresher_funded: 1 } }]);
  });

  it('counts a request by channel in the Belgian year it was launched', () => {
    expect(requestLaunched({ createdAt: '2025-12-31T23:10:00.000Z', channel: 'phone' })).toEqual([
      { year: 2026, counters: { requests_phone: 1 } },
    ]);
  });

  it('counts spontaneous registrations and minors among them', () => {
    expect(spontaneousRegistered('2025-06-01T10:00:00.000Z', true)).toEqual([
      { year: 2025, counters: { spontaneousRegistered: 1, spontaneousMinors: 1 } },
    ]);
  });

  it('counts a drill as an exercise, never among the requests, deployments or spontaneous volunteers', () => {
    const drill = { createdAt: '2025-10-04T08:00:00.000Z', channel: 'api' as const, exercise: true };
    expect(requestLaunched(drill)).toEqual([{ year: 2025, counters: { exercises: 1 } }]);
    expect(requestLaunched({ ...drill, dry: true })).toEqual([
      { year: 2025, counters: { exercises: 1, exercisesDry: 1 } },
    ]);
    expect(requestLaunched({ ...drill, dry: true }, -1)).toEqual([
      { year: 2025, counters: { exercises: -1, exercisesDry: -1 } },
    ]);
    expect(spontaneousRegistered('2025-10-04T09:00:00.000Z', true, drill)).toEqual([
      { year: 2025, counters: { exerciseSpontaneousRegistered: 1 } },
    ]);
    expect(
      deploymentEnded({ from: '2025-12-31T22:00:00.000Z', to: '2026-01-01T01:00:00.000Z' }, false, drill),
    ).toEqual([
      { year: 2026, counters: { exerciseDeployments: 1, exerciseMinutes: 120 } },
      { year: 2025, counters: { exerciseMinutes: 60 } },
    ]);
  });

  it('counts a deployment in the month it ended and its minutes in the years they were spent', () => {
    expect(
      deploymentEnded({ from: '2025-12-31T22:00:00.000Z', to: '2026-01-01T01:00:00.000Z' }, true),
    ).toEqual([
      {
        year: 2026,
        counters: { deployments_01: 1, spontaneousDeployments: 1, minutes_01: 120, spontaneousMinutes: 120 },
      },
      { year: 2025, counters: { minutes_12: 60, spontaneousMinutes: 60 } },
    ]);
  });
});
