import { officialMunicipality } from '../reference/municipalities';
import type { AnnualReport, Figures, ReportConfig } from '../schemas/annual-report';
import { COUNTER, type Counters, HELP_REQUEST_CHANNELS } from './annual-counters';
import { OPERATIONAL_FROM } from './corps';
import { belgianDate } from './dates';

/** The counters of one municipality in one year, as stored. */
export interface CounterRow {
  year: number;
  nis: string;
  counters: Counters;
}

/** When a request was launched and first accepted: the one figure a counter cannot give (a median). */
export interface RequestTiming {
  municipality: string;
  createdAt: string;
  firstAcceptedAt?: string;
  exercise?: boolean;
}

const MONTHS = Array.from({ length: 12 }, (_, i) => String(i + 1).padStart(2, '0'));

const sumOf = (rows: readonly CounterRow[], name: string) =>
  rows.reduce((total, row) => total + (row.counters[name] ?? 0), 0);

const oneDecimal = (n: number) => Math.round(n * 10) / 10;
const cents = (n: number) => Math.round(n * 100) / 100;

/** The middle value (the mean of the two middle ones for an even count); null without any. */
export const median = (values: readonly number[]): number | null => {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

/**
 * The figures of an area (a municipality, a province, Flanders) from its counter rows of every year up to the
 * report's, and the timings of the requests launched in the report's year. Corps figures are summed per
 * municipality first, so a province's operational corps and funded members are counts of corps, not of averages.
 */
const figures = (
  year: number,
  rows: readonly CounterRow[],
  timings: readonly RequestTiming[],
  config: ReportConfig,
): Figures => {
  const ofYear = rows.filter((r) => r.year === year);
  const sum = (name: string) => sumOf(ofYear, name);
  const corpsByMunicipality = new Map<string, { members: number; funded: number }>();
  for (const row of rows) {
    const corps = corpsByMunicipality.get(row.nis) ?? { members: 0, funded: 0 };
    corps.members += (row.counters[COUNTER.joined] ?? 0) - (row.counters[COUNTER.left] ?? 0);
    corps.funded += row.counters[COUNTER.fundedChange] ?? 0;
    corpsByMunicipality.set(row.nis, corps);
  }
  const corps = [...corpsByMunicipality.values()];
  const members = corps.reduce((t, c) => t + c.members, 0);
  const fundedMembers = corps.reduce((t, c) => t + c.funded, 0);
  const byMonth = MONTHS.map((m) => sum(COUNTER.deployments(m)));
  const volunteerMinutes = MONTHS.reduce((t, m) => t + sum(COUNTER.minutes(m)), 0);
  const basicFunded = sum(COUNTER.course('basic', 'funded'));
  const refreshersFunded = sum(COUNTER.course('refresher', 'funded'));
  const simulationsFunded = sum(COUNTER.course('simulation', 'funded'));
  const legislature = rows.filter((r) => r.year >= config.targets.legislatureStartYear && r.year <= year);
  const requests = Object.fromEntries(
    HELP_REQUEST_CHANNELS.map((c) => [c, sum(COUNTER.requests(c))]),
  ) as Record<(typeof HELP_REQUEST_CHANNELS)[number], number>;
  const subsidy = {
    basicEur: cents(basicFunded * config.unitPrices.basic),
    refresherEur: cents(refreshersFunded * config.unitPrices.refresher),
    simulationEur: cents(simulationsFunded * config.unitPrices.simulation),
  };
  return {
    corps: {
      members,
      operationalCorps: corps.filter((c) => c.members >= OPERATIONAL_FROM).length,
      fundedMembers,
      ownCostMembers: members - fundedMembers,
      joined: sum(COUNTER.joined),
      left: sum(COUNTER.left),
    },
    trainings: {
      basicFunded,
      basicNotFundedPriorCertificate: sum(COUNTER.course('basic', 'prior-certificate')),
      basicNotFundedRepeat:
        sum(COUNTER.course('basic', 'repeat')) + sum(COUNTER.course('basic', 'not-funded')),
      refreshers: refreshersFunded + sum(COUNTER.course('refresher', 'not-funded')),
      refreshersFunded,
      simulations: simulationsFunded + sum(COUNTER.course('simulation', 'not-funded')),
      simulationsFunded,
      trainedInLegislature:
        sumOf(legislature, COUNTER.course('basic', 'funded')) +
        sumOf(legislature, COUNTER.course('basic', 'prior-certificate')),
    },
    helpRequests: {
      total: requests.api + requests.phone,
      ...requests,
      medianMinutesToFirstAcceptance: minutesToFirstAcceptance(timings),
    },
    deployments: {
      count: byMonth.reduce((t, n) => t + n, 0),
      volunteerMinutes,
      volunteerHours: oneDecimal(volunteerMinutes / 60),
      byMonth,
    },
    spontaneous: {
      registered: sum(COUNTER.spontaneousRegistered),
      minors: sum(COUNTER.spontaneousMinors),
      deployments: sum(COUNTER.spontaneousDeployments),
      volunteerHours: oneDecimal(sum(COUNTER.spontaneousMinutes) / 60),
    },
    exercises: {
      held: sum(COUNTER.exercises),
      dry: sum(COUNTER.dryExercises),
      deployments: sum(COUNTER.exerciseDeployments),
      volunteerHours: oneDecimal(sum(COUNTER.exerciseMinutes) / 60),
      spontaneousRegistered: sum(COUNTER.exerciseSpontaneousRegistered),
    },
    subsidy: {
      ...subsidy,
      variableEur: cents(subsidy.basicEur + subsidy.refresherEur + subsidy.simulationEur),
    },
  };
};

/** Real incidents only: a drill's volunteers know it is one, and answer at their leisure or all at once. */
const minutesToFirstAcceptance = (timings: readonly RequestTiming[]): number | null => {
  const minutes = timings.flatMap((t) =>
    t.firstAcceptedAt && !t.exercise
      ? [(Date.parse(t.firstAcceptedAt) - Date.parse(t.createdAt)) / 60_000]
      : [],
  );
  const middle = median(minutes);
  return middle === null ? null : oneDecimal(middle);
};

/** A request belongs to the Belgian calendar year it was launched in, even when it is answered in the next one. */
export const launchedIn = (timing: Pick<RequestTiming, 'createdAt'>, year: number): boolean =>
  belgianDate(new Date(timing.createdAt)).startsWith(`${year}-`);

const provinceOf = (nis: string) => officialMunicipality(nis)?.province ?? 'unknown';

/**
 * The yearly report to the Flemish Government: pure aggregation of the counter rows (any years; those after the
 * report's year are ignored) and the request timings, per municipality, per province and for Flanders.
 */
export const buildAnnualReport = (
  year: number,
  allRows: readonly CounterRow[],
  allTimings: readonly RequestTiming[],
  config: ReportConfig,
): AnnualReport => {
  const rows = allRows.filter((r) => r.year <= year);
  const timings = allTimings.filter((t) => launchedIn(t, year));
  const area = (inArea: (nis: string) => boolean) =>
    figures(
      year,
      rows.filter((r) => inArea(r.nis)),
      timings.filter((t) => inArea(t.municipality)),
      config,
    );
  const nisCodes = [...new Set([...rows.map((r) => r.nis), ...timings.map((t) => t.municipality)])].sort();
  const provinces = [...new Set(nisCodes.map(provinceOf))].sort();
  const flanders = area(() => true);
  const trained = flanders.trainings.trainedInLegislature;
  return {
    year,
    config,
    progress: {
      trainedInLegislature: trained,
      targets: [
        { name: `start-${config.targets.startYear}`, target: config.targets.start },
        { name: 'legislature', target: config.targets.legislature },
      ].map((t) => ({ ...t, percent: oneDecimal((100 * trained) / t.target) })),
    },
    flanders,
    provinces: provinces.map((province) => ({ province, ...area((nis) => provinceOf(nis) === province) })),
    municipalities: nisCodes.map((nis) => ({
      nis,
      name: officialMunicipality(nis)?.name ?? nis,
      province: provinceOf(nis),
      ...area((candidate) => candidate === nis),
    })),
  };
};

/** The CSV columns: one row per area, the figures flattened; Flanders first, then provinces, then municipalities. */
const CSV_COLUMNS: [string, (f: Figures) => number | null][] = [
  ['corpsMembers', (f) => f.corps.members],
  ['operationalCorps', (f) => f.corps.operationalCorps],
  ['fundedMembers', (f) => f.corps.fundedMembers],
  ['ownCostMembers', (f) => f.corps.ownCostMembers],
  ['joined', (f) => f.corps.joined],
  ['left', (f) => f.corps.left],
  ['basicFunded', (f) => f.trainings.basicFunded],
  ['basicNotFundedPriorCertificate', (f) => f.trainings.basicNotFundedPriorCertificate],
  ['basicNotFundedRepeat', (f) => f.trainings.basicNotFundedRepeat],
  ['refreshers', (f) => f.trainings.refreshers],
  ['refreshersFunded', (f) => f.trainings.refreshersFunded],
  ['simulations', (f) => f.trainings.simulations],
  ['simulationsFunded', (f) => f.trainings.simulationsFunded],
  ['trainedInLegislature', (f) => f.trainings.trainedInLegislature],
  ['helpRequests', (f) => f.helpRequests.total],
  ['helpRequestsApi', (f) => f.helpRequests.api],
  ['helpRequestsPhone', (f) => f.helpRequests.phone],
  ['medianMinutesToFirstAcceptance', (f) => f.helpRequests.medianMinutesToFirstAcceptance],
  ['deployments', (f) => f.deployments.count],
  ['volunteerHours', (f) => f.deployments.volunteerHours],
  ['spontaneousRegistered', (f) => f.spontaneous.registered],
  ['spontaneousMinors', (f) => f.spontaneous.minors],
  ['spontaneousDeployments', (f) => f.spontaneous.deployments],
  ['spontaneousVolunteerHours', (f) => f.spontaneous.volunteerHours],
  ['exercises', (f) => f.exercises.held],
  ['exercisesDry', (f) => f.exercises.dry],
  ['exerciseDeployments', (f) => f.exercises.deployments],
  ['exerciseVolunteerHours', (f) => f.exercises.volunteerHours],
  ['variableSubsidyEur', (f) => f.subsidy.variableEur],
  ...MONTHS.map((m, i): [string, (f: Figures) => number] => [
    `deployments${m}`,
    (f) => f.deployments.byMonth[i]!,
  ]),
];

/** Text a spreadsheet would run as a formula (OWASP's CSV injection list): shown as text behind a quote mark. */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One cell as a Belgian Excel reads it: decimals with a comma, text that could be a formula neutralised, and
 * quotes around text holding the separator, a quote or a line break. Figures are never neutralised: they are ours.
 */
const csvCell = (value: string | number | null): string => {
  if (value === null) return '';
  if (typeof value === 'number') return String(value).replace('.', ',');
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return /[";\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
};

/** The file name the CSV is offered under. */
export const annualReportFileName = (year: number): string => `jaarrapport-${year}.csv`;

/**
 * The report as a CSV a Belgian Excel opens as it is: a UTF-8 byte order mark (or accents break), `;` between
 * cells (the list separator of the Belgian locales, where `,` is the decimal mark) and CRLF line ends.
 */
export const annualReportCsv = (report: AnnualReport): string => {
  const line = (cells: (string | number | null)[]) => cells.map(csvCell).join(';');
  const row = (level: string, nis: string, name: string, province: string, f: Figures) =>
    line([report.year, level, nis, name, province, ...CSV_COLUMNS.map(([, value]) => value(f))]);
  const lines = [
    line(['year', 'level', 'nis', 'name', 'province', ...CSV_COLUMNS.map(([name]) => name)]),
    row('flanders', '', 'Vlaanderen', '', report.flanders),
    ...report.provinces.map((p) => row('province', '', p.province, p.province, p)),
    ...report.municipalities.map((m) => row('municipality', m.nis, m.name, m.province, m)),
  ];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
};
