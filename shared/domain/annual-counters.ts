import { belgianDate } from './dates';
import type { TrainingKind } from './training';

/**
 * The anonymous counters behind the yearly report: per municipality and Belgian calendar year, named numbers that
 * the event they count adds to in its own transaction. They hold no id and no name, so erasing a member or purging a
 * spontaneous volunteer leaves them as they are, and the report of a past year never changes.
 */
export type Counters = Record<string, number>;

export interface CounterIncrement {
  year: number;
  counters: Counters;
}

export const HELP_REQUEST_CHANNELS = ['api', 'phone'] as const;
export type HelpRequestChannel = (typeof HELP_REQUEST_CHANNELS)[number];

/** Counter names; the per-month ones take the month (01–12) as a suffix. */
export const COUNTER = {
  joined: 'joined',
  left: 'left',
  /** Net change of the Flanders-funded places (joins, leaves, and the promotion a leave may bring). */
  fundedChange: 'fundedChange',
  requests: (channel: HelpRequestChannel) => `requests_${channel}`,
  deployments: (month: string) => `deployments_${month}`,
  minutes: (month: string) => `minutes_${month}`,
  spontaneousRegistered: 'spontaneousRegistered',
  spontaneousMinors: 'spontaneousMinors',
  spontaneousDeployments: 'spontaneousDeployments',
  spontaneousMinutes: 'spontaneousMinutes',
  course: (kind: TrainingKind, category: CourseCategory) => `${kind}_${category}`,
  /** Drills: counted apart, never among the requests, deployments and spontaneous volunteers of real incidents. */
  exercises: 'exercises',
  dryExercises: 'exercisesDry',
  exerciseDeployments: 'exerciseDeployments',
  exerciseMinutes: 'exerciseMinutes',
  exerciseSpontaneousRegistered: 'exerciseSpontaneousRegistered',
} as const;

/** What the yearly counters need to know of a request: whether it is a drill, and a dry one. */
export interface CountedRequest {
  exercise?: boolean;
  dry?: boolean;
}

/** Why a course was (not) funded: what the Flemish Government asks to see. */
export type CourseCategory = 'funded' | 'prior-certificate' | 'repeat' | 'not-funded';

/** The Belgian calendar month of an instant (YYYY-MM): New Year turns over at Belgian midnight, not UTC. */
export const belgianMonth = (iso: string): string => belgianDate(new Date(iso)).slice(0, 7);

const increment = (month: string, counters: Counters): CounterIncrement => ({
  year: Number(month.slice(0, 4)),
  counters: Object.fromEntries(Object.entries(counters).filter(([, n]) => n !== 0)),
});

/** Adds up increments of the same year, so each year's counters move in one update. */
export const mergeIncrements = (increments: readonly CounterIncrement[]): CounterIncrement[] => {
  const byYear = new Map<number, Counters>();
  for (const { year, counters } of increments) {
    const merged = byYear.get(year) ?? {};
    for (const [name, n] of Object.entries(counters)) merged[name] = (merged[name] ?? 0) + n;
    byYear.set(year, merged);
  }
  return [...byYear]
    .map(([year, counters]) => increment(`${year}`, counters))
    .filter((i) => Object.keys(i.counters).length > 0);
};

/** Members joining (positive) or leaving (negative) at `at`, with the change of Flanders-funded places. */
export const corpsMoved = (at: string, members: number, fundedChange: number): CounterIncrement[] =>
  mergeIncrements([
    increment(belgianMonth(at), {
      [COUNTER.joined]: Math.max(0, members),
      [COUNTER.left]: Math.max(0, -members),
      [COUNTER.fundedChange]: fundedChange,
    }),
  ]);

/** A basic course is unfunded because of a prior certificate, or because one was on record already (a repeat). */
export const courseCategory = (
  course: { kind: TrainingKind; funded: boolean },
  context: { priorCertificate: boolean; earlierBasic: boolean },
): CourseCategory => {
  if (course.funded) return 'funded';
  if (course.kind !== 'basic') return 'not-funded';
  return context.earlierBasic ? 'repeat' : context.priorCertificate ? 'prior-certificate' : 'not-funded';
};

/** A course counts in the year it was followed (its date), not the year it was recorded. */
export const courseRecorded = (
  course: { kind: TrainingKind; date: string; funded: boolean },
  context: { priorCertificate: boolean; earlierBasic: boolean },
): CounterIncrement[] =>
  mergeIncrements([
    increment(course.date.slice(0, 7), { [COUNTER.course(course.kind, courseCategory(course, context))]: 1 }),
  ]);

/** A help request counts in the year it was launched, even when it runs into the next one; a drill as a drill. */
export const requestLaunched = (
  request: CountedRequest & { createdAt: string; channel: HelpRequestChannel },
  delta = 1,
): CounterIncrement[] =>
  mergeIncrements([
    increment(
      belgianMonth(request.createdAt),
      request.exercise
        ? { [COUNTER.exercises]: delta, [COUNTER.dryExercises]: request.dry ? delta : 0 }
        : { [COUNTER.requests(request.channel)]: delta },
    ),
  ]);

export const spontaneousRegistered = (
  at: string,
  minor: boolean,
  request: CountedRequest = {},
): CounterIncrement[] =>
  mergeIncrements([
    increment(
      belgianMonth(at),
      request.exercise
        ? { [COUNTER.exerciseSpontaneousRegistered]: 1 }
        : { [COUNTER.spontaneousRegistered]: 1, [COUNTER.spontaneousMinors]: minor ? 1 : 0 },
    ),
  ]);

const brusselsHour = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Brussels',
  hour: '2-digit',
  hourCycle: 'h23',
});

/** The instant Belgian midnight starts the month after `month` (YYYY-MM): 22:00 or 23:00 UTC the day before. */
const startOfNextMonth = (month: string): number => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const utcMidnight = Date.UTC(y, m, 1);
  // Brussels is UTC+1 or UTC+2; clocks never change at midnight, so the hour there tells the offset.
  const offsetHours = Number(brusselsHour.format(new Date(utcMidnight)));
  return utcMidnight - offsetHours * 3600_000;
};

/**
 * A coverage period's minutes by Belgian month: a night shift over New Year gives each year its own minutes.
 * Each part is rounded at the boundaries, so the parts add up to the period's rounded total.
 */
export const minutesByMonth = (from: string, to: string): [month: string, minutes: number][] => {
  const start = Date.parse(from);
  const end = Math.max(start, Date.parse(to));
  const elapsed = (instant: number) => Math.round((instant - start) / 60_000);
  const parts: [string, number][] = [];
  let month = belgianMonth(from);
  let partStart = start;
  for (;;) {
    const boundary = startOfNextMonth(month);
    if (boundary >= end) {
      parts.push([month, elapsed(end) - elapsed(partStart)]);
      return parts;
    }
    parts.push([month, elapsed(boundary) - elapsed(partStart)]);
    partStart = boundary;
    month = belgianMonth(new Date(boundary).toISOString());
  }
};

/**
 * A coverage period ended (check-out): one deployment in the month it ended, its minutes in the months they were
 * spent. A spontaneous volunteer's period also counts apart, as the only trace of them after the purge. A drill's
 * periods count as exercise only.
 */
export const deploymentEnded = (
  period: { from: string; to: string },
  spontaneous: boolean,
  request: CountedRequest = {},
): CounterIncrement[] => {
  const ended = belgianMonth(period.to);
  if (request.exercise) {
    return mergeIncrements([
      increment(ended, { [COUNTER.exerciseDeployments]: 1 }),
      ...minutesByMonth(period.from, period.to).map(([month, minutes]) =>
        increment(month, { [COUNTER.exerciseMinutes]: minutes }),
      ),
    ]);
  }
  return mergeIncrements([
    increment(ended, {
      [COUNTER.deployments(ended.slice(5))]: 1,
      [COUNTER.spontaneousDeployments]: spontaneous ? 1 : 0,
    }),
    ...minutesByMonth(period.from, period.to).map(([month, minutes]) =>
      increment(month, {
        [COUNTER.minutes(month.slice(5))]: minutes,
        [COUNTER.spontaneousMinutes]: spontaneous ? minutes : 0,
      }),
    ),
  ]);
};
