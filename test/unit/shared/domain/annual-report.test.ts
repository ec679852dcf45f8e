import { describe, expect, it } from 'vitest';
import {
  type CounterIncrement,
  corpsMoved,
  courseRecorded,
  deploymentEnded,
  requestLaunched,
  spontaneousRegistered,
} from '../../../../shared/domain/annual-counters';
import {
  annualReportCsv,
  buildAnnualReport,
  type CounterRow,
  median,
  type RequestTiming,
} from '../../../../shared/domain/annual-report';
import type { ReportConfig } from '../../../../shared/schemas/annual-report';

const GENT = '44021'; // Oost-Vlaanderen
const ANTWERPEN = '11002'; // Antwerpen
const LEUVEN = '24062'; // Vlaams-Brabant

const CONFIG: ReportConfig = {
  targets: { start: 500, startYear: 2025, legislature: 15_000, legislatureStartYear: 2024 },
  unitPrices: { basic: 100, refresher: 40, simulation: 25.5 },
};

/** Adds up the increments of events as the store's ADDs would. */
const rowsOf = (events: [nis: string, increments: CounterIncrement[]][]): CounterRow[] => {
  const rows = new Map<string, CounterRow>();
  for (const [nis, increments] of events) {
    for (const { year, counters } of increments) {
      const row = rows.get(`${year}#${nis}`) ?? { year, nis, counters: {} };
      for (const [name, n] of Object.entries(counters)) row.counters[name] = (row.counters[name] ?? 0) + n;
      rows.set(`${year}#${nis}`, row);
    }
  }
  return [...rows.values()];
};

const times = <T>(n: number, make: () => T): T[] => Array.from({ length: n }, make);
const NO_PRIOR = { priorCertificate: false, earlierBasic: false };
const basic = (date: string) => courseRecorded({ kind: 'basic', date, funded: true }, NO_PRIOR);

/**
 * A seeded 2025 with known answers. Gent: 12 members from 2024, 3 more in 2025, one funded member erased in 2025.
 * Antwerpen: 82 joined (the last 2 at own cost), one funded member erased and an own-cost member promoted in her
 * place. Leuven: 5 members, one of whom leaves in 2026 (after the year). Events after 2025 must not count.
 */
const SEEDED: CounterRow[] = rowsOf([
  [GENT, corpsMoved('2024-10-01T08:00:00.000Z', 12, 12)],
  [GENT, corpsMoved('2025-02-01T08:00:00.000Z', 3, 3)],
  [GENT, corpsMoved('2025-09-01T08:00:00.000Z', -1, -1)],
  [ANTWERPEN, corpsMoved('2025-01-10T08:00:00.000Z', 82, 80)],
  [ANTWERPEN, corpsMoved('2025-11-10T08:00:00.000Z', -1, 0)],
  [LEUVEN, corpsMoved('2025-03-01T08:00:00.000Z', 5, 5)],
  [LEUVEN, corpsMoved('2026-01-05T08:00:00.000Z', -1, -1)],
  ...times(4, () => [GENT, basic('2024-11-05')] as [string, CounterIncrement[]]),
  ...times(2, () => [GENT, basic('2025-03-05')] as [string, CounterIncrement[]]),
  [
    GENT,
    courseRecorded(
      { kind: 'basic', date: '2025-03-05', funded: false },
      { priorCertificate: true, earlierBasic: false },
    ),
  ],
  [
    GENT,
    courseRecorded(
      { kind: 'basic', date: '2025-04-05', funded: false },
      { priorCertificate: false, earlierBasic: true },
    ),
  ],
  ...times(
    3,
    () =>
      [GENT, courseRecorded({ kind: 'refresher', date: '2025-05-05', funded: true }, NO_PRIOR)] as [
        string,
        CounterIncrement[],
      ],
  ),
  [GENT, courseRecorded({ kind: 'refresher', date: '2025-10-05', funded: false }, NO_PRIOR)],
  ...times(
    2,
    () =>
      [GENT, courseRecorded({ kind: 'simulation', date: '2025-06-05', funded: true }, NO_PRIOR)] as [
        string,
        CounterIncrement[],
      ],
  ),
  [GENT, basic('2026-01-15')],
  ...times(10, () => [ANTWERPEN, basic('2025-02-20')] as [string, CounterIncrement[]]),
  [GENT, requestLaunched({ createdAt: '2025-03-10T09:00:00.000Z', channel: 'api' })],
  [GENT, requestLaunched({ createdAt: '2025-06-01T07:00:00.000Z', channel: 'api' })],
  // 23:30 on New Year's Eve in Belgium: a 2025 request.
  [GENT, requestLaunched({ createdAt: '2025-12-31T22:30:00.000Z', channel: 'phone' })],
  // 00:10 on New Year's Day in Belgium (still 2025 in UTC): a 2026 request.
  [GENT, requestLaunched({ createdAt: '2025-12-31T23:10:00.000Z', channel: 'phone' })],
  [ANTWERPEN, requestLaunched({ createdAt: '2025-08-01T10:00:00.000Z', channel: 'api' })],
  [ANTWERPEN, requestLaunched({ createdAt: '2025-09-01T10:00:00.000Z', channel: 'phone' })],
  [GENT, deploymentEnded({ from: '2025-03-10T10:00:00.000Z', to: '2025-03-10T12:00:00.000Z' }, false)],
  // 23:00 to 02:00 over New Year: 60 minutes in 2025, the deployment itself ends in 2026.
  [GENT, deploymentEnded({ from: '2025-12-31T22:00:00.000Z', to: '2026-01-01T01:00:00.000Z' }, false)],
  [GENT, deploymentEnded({ from: '2025-06-01T08:00:00.000Z', to: '2025-06-01T09:30:00.000Z' }, true)],
  [GENT, spontaneousRegistered('2025-06-01T07:30:00.000Z', false)],
  [GENT, spontaneousRegistered('2025-06-01T07:35:00.000Z', true)],
  [GENT, spontaneousRegistered('2025-06-01T07:40:00.000Z', false)],
]);

const TIMINGS: RequestTiming[] = [
  { municipality: GENT, createdAt: '2025-03-10T09:00:00.000Z', firstAcceptedAt: '2025-03-10T09:04:00.000Z' },
  { municipality: GENT, createdAt: '2025-06-01T07:00:00.000Z', firstAcceptedAt: '2025-06-01T07:10:00.000Z' },
  // Launched in 2025, first accepted at Belgian midnight: 30 minutes, in the 2025 median.
  { municipality: GENT, createdAt: '2025-12-31T22:30:00.000Z', firstAcceptedAt: '2025-12-31T23:00:00.000Z' },
  { municipality: GENT, createdAt: '2025-12-31T23:10:00.000Z', firstAcceptedAt: '2025-12-31T23:11:00.000Z' },
  {
    municipality: ANTWERPEN,
    createdAt: '2025-08-01T10:00:00.000Z',
    firstAcceptedAt: '2025-08-01T10:06:00.000Z',
  },
  { municipality: ANTWERPEN, createdAt: '2025-09-01T10:00:00.000Z' },
];

const report = buildAnnualReport(2025, SEEDED, TIMINGS, CONFIG);
const municipality = (nis: string) => report.municipalities.find((m) => m.nis === nis)!;
const province = (name: string) => report.provinces.find((p) => p.province === name)!;

describe('buildAnnualReport on a seeded 2025', () => {
  it('gives each corps its size at the end of the year, after members who joined, left and were erased', () => {
    expect(municipality(GENT).corps).toEqual({
      members: 14,
      operationalCorps: 1,
      fundedMembers: 14,
      ownCostMembers: 0,
      joined: 3,
      left: 1,
    });
    expect(municipality(ANTWERPEN).corps).toEqual({
      members: 81,
      operationalCorps: 1,
      fundedMembers: 80,
      ownCostMembers: 1,
      joined: 82,
      left: 1,
    });
    // The member who leaves Leuven in 2026 is still there at the end of 2025.
    expect(municipality(LEUVEN).corps).toMatchObject({ members: 5, operationalCorps: 0, left: 0 });
  });

  it('adds corps up per province and for Flanders', () => {
    expect(province('Oost-Vlaanderen').corps.members).toBe(14);
    expect(report.provinces.map((p) => p.province)).toEqual([
      'Antwerpen',
      'Oost-Vlaanderen',
      'Vlaams-Brabant',
    ]);
    expect(report.flanders.corps).toEqual({
      members: 100,
      operationalCorps: 2,
      fundedMembers: 99,
      ownCostMembers: 1,
      joined: 90,
      left: 2,
    });
  });

  it('counts courses of the year by funding, and trained volunteers since the legislature began', () => {
    expect(municipality(GENT).trainings).toEqual({
      basicFunded: 2,
      basicNotFundedPriorCertificate: 1,
      basicNotFundedRepeat: 1,
      refreshers: 4,
      refreshersFunded: 3,
      simulations: 2,
      simulationsFunded: 2,
      // 4 in 2024, 2 funded and 1 with a prior certificate in 2025; the 2026 course does not count.
      trainedInLegislature: 7,
    });
    expect(report.flanders.trainings.basicFunded).toBe(12);
    expect(report.progress).toEqual({
      trainedInLegislature: 17,
      targets: [
        { name: 'start-2025', target: 500, percent: 3.4 },
        { name: 'legislature', target: 15_000, percent: 0.1 },
      ],
    });
  });

  it('counts help requests by channel in the Belgian year they were launched', () => {
    expect(municipality(GENT).helpRequests).toEqual({
      total: 3,
      api: 2,
      phone: 1,
      medianMinutesToFirstAcceptance: 10,
    });
    expect(report.flanders.helpRequests).toMatchObject({ total: 5, api: 3, phone: 2 });
  });

  it('takes the median time to first acceptance over the answered requests launched in the year', () => {
    // 4, 10, 30 (Gent) and 6 (Antwerpen; its unanswered request has no time): (6 + 10) / 2.
    expect(report.flanders.helpRequests.medianMinutesToFirstAcceptance).toBe(8);
    expect(municipality(ANTWERPEN).helpRequests.medianMinutesToFirstAcceptance).toBe(6);
    expect(municipality(LEUVEN).helpRequests.medianMinutesToFirstAcceptance).toBeNull();
  });

  it('counts deployments in the month they ended and volunteer-hours split at Belgian midnight of New Year', () => {
    expect(municipality(GENT).deployments).toEqual({
      count: 2,
      volunteerMinutes: 120 + 90 + 60,
      volunteerHours: 4.5,
      byMonth: [0, 0, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0],
    });
  });

  it('keeps counts only of the spontaneous volunteers', () => {
    expect(municipality(GENT).spontaneous).toEqual({
      registered: 3,
      minors: 1,
      deployments: 1,
      volunteerHours: 1.5,
    });
  });

  it('prices the funded courses with the configured unit prices', () => {
    expect(municipality(GENT).subsidy).toEqual({
      basicEur: 200,
      refresherEur: 120,
      simulationEur: 51,
      variableEur: 371,
    });
    expect(report.flanders.subsidy.variableEur).toBe(1371);
    expect(report.config).toEqual(CONFIG);
  });

  it('lists the municipalities with their official name and province', () => {
    expect(report.municipalities.map((m) => [m.nis, m.name, m.province])).toEqual([
      [ANTWERPEN, 'Antwerpen', 'Antwerpen'],
      [LEUVEN, 'Leuven', 'Vlaams-Brabant'],
      [GENT, 'Gent', 'Oost-Vlaanderen'],
    ]);
  });

  it('does not depend on the counters of later years', () => {
    const without2026 = SEEDED.filter((r) => r.year <= 2025);
    expect(buildAnnualReport(2025, without2026, TIMINGS, CONFIG)).toEqual(report);
  });
});

describe('buildAnnualReport with drills', () => {
  const drill = { channel: 'api' as const, exercise: true };
  const rows = rowsOf([
    [GENT, requestLaunched({ createdAt: '2025-03-10T09:00:00.000Z', channel: 'api' })],
    [GENT, requestLaunched({ ...drill, createdAt: '2025-10-04T08:00:00.000Z' })],
    [GENT, requestLaunched({ ...drill, createdAt: '2025-11-08T08:00:00.000Z', dry: true })],
    [GENT, deploymentEnded({ from: '2025-03-10T10:00:00.000Z', to: '2025-03-10T11:00:00.000Z' }, false)],
    [
      GENT,
      deploymentEnded({ from: '2025-10-04T09:00:00.000Z', to: '2025-10-04T12:00:00.000Z' }, false, drill),
    ],
    [
      GENT,
      deploymentEnded({ from: '2025-10-04T09:00:00.000Z', to: '2025-10-04T10:30:00.000Z' }, true, drill),
    ],
    [GENT, spontaneousRegistered('2025-10-04T08:30:00.000Z', true, drill)],
  ]);
  const timings: RequestTiming[] = [
    {
      municipality: GENT,
      createdAt: '2025-03-10T09:00:00.000Z',
      firstAcceptedAt: '2025-03-10T09:04:00.000Z',
    },
    // Everyone knew the drill was coming: its minute would flatter the median.
    {
      municipality: GENT,
      createdAt: '2025-10-04T08:00:00.000Z',
      firstAcceptedAt: '2025-10-04T08:01:00.000Z',
      exercise: true,
    },
  ];
  const gent = buildAnnualReport(2025, rows, timings, CONFIG).municipalities[0]!;

  it('keeps drills out of the help requests, deployments and spontaneous volunteers, and out of the median', () => {
    expect(gent.helpRequests).toEqual({ total: 1, api: 1, phone: 0, medianMinutesToFirstAcceptance: 4 });
    expect(gent.deployments).toMatchObject({ count: 1, volunteerMinutes: 60 });
    expect(gent.spontaneous).toEqual({ registered: 0, minors: 0, deployments: 0, volunteerHours: 0 });
  });

  it('counts them apart, dry ones too', () => {
    expect(gent.exercises).toEqual({
      held: 2,
      dry: 1,
      deployments: 2,
      volunteerHours: 4.5,
      spontaneousRegistered: 1,
    });
    const [header, flanders] = annualReportCsv(buildAnnualReport(2025, rows, timings, CONFIG))
      .slice(1)
      .split('\r\n')
      .map((line) => line.split(';'));
    const cell = (name: string) => flanders![header!.indexOf(name)];
    expect([cell('exercises'), cell('exercisesDry'), cell('exerciseVolunteerHours')]).toEqual([
      '2',
      '1',
      '4,5',
    ]);
  });
});

describe('median', () => {
  it.each([
    [[], null],
    [[5], 5],
    [[9, 1, 5], 5],
    [[4, 1, 3, 2], 2.5],
  ])('of %o is %s', (values, expected) => {
    expect(median(values)).toBe(expected);
  });
});

describe('annualReportCsv', () => {
  const csv = annualReportCsv(report);
  const lines = csv
    .replace(/^\uFEFF/, '')
    .trimEnd()
    .split('\r\n');
  const header = lines[0]!.split(';');
  const cell = (line: string, column: string) => line.split(';')[header.indexOf(column)];

  it('starts with a UTF-8 byte order mark and ends its lines with CRLF, so Excel reads the accents and the rows', () => {
    expect(csv.startsWith('\uFEFFyear;level;')).toBe(true);
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(csv.replaceAll('\r\n', '')).not.toContain('\n');
  });

  it('has a row for Flanders, each province and each municipality, separated by semicolons', () => {
    expect(lines).toHaveLength(1 + 1 + 3 + 3);
    expect(lines.slice(1).map((l) => l.split(';').slice(1, 4).join(';'))).toEqual([
      'flanders;;Vlaanderen',
      'province;;Antwerpen',
      'province;;Oost-Vlaanderen',
      'province;;Vlaams-Brabant',
      `municipality;${ANTWERPEN};Antwerpen`,
      `municipality;${LEUVEN};Leuven`,
      `municipality;${GENT};Gent`,
    ]);
  });

  it('carries the figures of the JSON report, decimals with a comma as a Belgian Excel reads them', () => {
    const gent = lines.find((l) => l.includes(`;${GENT};`))!;
    expect(cell(gent, 'corpsMembers')).toBe('14');
    expect(cell(gent, 'basicNotFundedPriorCertificate')).toBe('1');
    expect(cell(gent, 'helpRequestsPhone')).toBe('1');
    expect(cell(gent, 'medianMinutesToFirstAcceptance')).toBe('10');
    expect(cell(gent, 'volunteerHours')).toBe('4,5');
    expect(cell(gent, 'variableSubsidyEur')).toBe('371');
    expect(cell(gent, 'deployments03')).toBe('1');
    expect(cell(lines.find((l) => l.includes(`;${LEUVEN};`))!, 'medianMinutesToFirstAcceptance')).toBe('');
  });

  it.each(['=HYPERLINK("http://x")', '+1+1', '-2+3', '@SUM(A1)', '\t=1', '\r=1'])(
    'neutralises a text cell starting %j so a spreadsheet shows it instead of running it',
    (name) => {
      const forged = { ...report, municipalities: [{ ...report.municipalities[0]!, name }] };
      const row = annualReportCsv(forged)
        .replace(/^\uFEFF/, '')
        .split('\r\n')[1 + 1 + 3]!;
      const written = row.split(';')[3]!;
      expect(written.replace(/^"|"$/g, '').replaceAll('""', '"')).toBe(`'${name}`);
    },
  );

  it('quotes a text cell holding a semicolon or a quote', () => {
    const forged = { ...report, municipalities: [{ ...report.municipalities[0]!, name: 'A; "B"' }] };
    expect(annualReportCsv(forged)).toContain(';"A; ""B""";');
  });

  it('keeps a negative figure a number', () => {
    const negative = {
      ...report,
      municipalities: [
        { ...report.municipalities[0]!, corps: { ...report.municipalities[0]!.corps, ownCostMembers: -2 } },
      ],
    };
    const row = annualReportCsv(negative)
      .replace(/^\uFEFF/, '')
      .split('\r\n')[1 + 1 + 3]!;
    expect(row.split(';')[header.indexOf('ownCostMembers')]).toBe('-2');
  });
});
