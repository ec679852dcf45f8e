import * as z from 'zod/mini';
import { functionEnvironment, oncePerEnvironment, parseEnv } from '../config';
import { assertCanReadAnnualReport } from '../domain/access';
import { COUNTER, HELP_REQUEST_CHANNELS } from '../domain/annual-counters';
import { buildAnnualReport, type RequestTiming } from '../domain/annual-report';
import { belgianDate } from '../domain/dates';
import { RuleViolation } from '../domain/errors';
import type { Identity } from '../domain/identity';
import { VARIABLES } from '../manifest/environment';
import type { Ports } from '../ports';
import type { AnnualReport, ReportConfig } from '../schemas/annual-report';

const euro = z.coerce.number().check(z.minimum(0));

/**
 * Targets (the concept note's: 500 trained at the 2025 start, 15,000 over the legislature) and the subsidy's unit
 * prices per funded course, from the environment. The prices have no default worth inventing: unset, they are 0
 * and the report shows a variable subsidy of 0 next to the prices it used.
 */
export const parseReportConfig = (env: NodeJS.ProcessEnv = functionEnvironment()): ReportConfig => {
  const { reportTargets: targets, reportPrices: prices } = VARIABLES;
  const parsed = parseEnv(
    {
      [targets.start]: z._default(z.coerce.number().check(z.int(), z.positive()), 500),
      [targets.startYear]: z._default(z.coerce.number().check(z.int()), 2025),
      [targets.legislature]: z._default(z.coerce.number().check(z.int(), z.positive()), 15_000),
      [targets.legislatureStartYear]: z._default(z.coerce.number().check(z.int()), 2024),
      [prices.basic]: z._default(euro, 0),
      [prices.refresher]: z._default(euro, 0),
      [prices.simulation]: z._default(euro, 0),
    },
    env,
  ) as Record<string, number>;
  return {
    targets: {
      start: parsed[targets.start]!,
      startYear: parsed[targets.startYear]!,
      legislature: parsed[targets.legislature]!,
      legislatureStartYear: parsed[targets.legislatureStartYear]!,
    },
    unitPrices: {
      basic: parsed[prices.basic]!,
      refresher: parsed[prices.refresher]!,
      simulation: parsed[prices.simulation]!,
    },
  };
};

export const reportConfig = oncePerEnvironment(parseReportConfig);

/** Request timings are read per municipality; a few at a time keeps a yearly run gentle on the table. */
const READ_CONCURRENCY = 8;

/**
 * The yearly report of `year` (the current year gives the figures so far): counters of every municipality, plus the
 * launch and first-acceptance times of the requests of the municipalities that had any, for the median.
 */
export const annualReport = async (
  ports: Pick<Ports, 'annualCounters' | 'clock'>,
  who: Identity,
  year: number,
  options: { config?: ReportConfig; progress?: (message: string) => void } = {},
): Promise<AnnualReport> => {
  assertCanReadAnnualReport(who);
  const progress = options.progress ?? (() => {});
  if (year > Number(belgianDate(ports.clock.now()).slice(0, 4))) {
    throw new RuleViolation('report-year-not-started', `${year} has not begun yet`);
  }
  const rows = await ports.annualCounters.rows(year);
  progress(`read the counters of ${rows.length} municipality-years up to ${year}`);
  const withRequests = rows
    .filter(
      (r) => r.year === year && HELP_REQUEST_CHANNELS.some((c) => (r.counters[COUNTER.requests(c)] ?? 0) > 0),
    )
    .map((r) => r.nis);
  const timings: RequestTiming[] = [];
  for (let i = 0; i < withRequests.length; i += READ_CONCURRENCY) {
    const batch = withRequests.slice(i, i + READ_CONCURRENCY);
    for (const found of await Promise.all(
      batch.map((nis) => ports.annualCounters.requestTimings(nis, year)),
    )) {
      timings.push(...found);
    }
    progress(
      `read the requests of ${Math.min(i + READ_CONCURRENCY, withRequests.length)}/${withRequests.length} municipalities`,
    );
  }
  return buildAnnualReport(year, rows, timings, options.config ?? reportConfig());
};
