import type { Task } from '../schemas/common';
import type { Counts, CreateHelpRequestBody, HelpRequest } from '../schemas/help-request';
import type { Volunteer } from '../schemas/volunteer';
import { availabilityAt } from './availability';
import { isQualified } from './training';
import { isMinor, isPaused } from './volunteer';

export const emptyCounts = (): Counts => ({ alerted: 0, accepted: 0, declined: 0, checkedIn: 0 });

/** A new request's counts: nobody alerted yet, and every task of its needs still to fill. */
const newCounts = (needs: HelpRequest['needs']): Counts => ({
  ...emptyCounts(),
  reserve: 0,
  byTask: Object.fromEntries(needs.map((need) => [need.task, { needed: need.volunteers, accepted: 0 }])),
});

export const newHelpRequest = (input: {
  id: string;
  body: CreateHelpRequestBody;
  municipalityName: string;
  requestedBy: string;
  now: string;
}): HelpRequest => ({
  ...input.body,
  id: input.id,
  municipalityName: input.municipalityName,
  status: 'requested',
  scope: [input.body.municipality],
  requestedBy: input.requestedBy,
  createdAt: input.now,
  counts: newCounts(input.body.needs),
});

/** Medical and operational tasks need a current first-aid qualification; logistics is open to every member. */
export const TASKS_NEEDING_QUALIFICATION: readonly Task[] = ['medical', 'operational'];

/** Under-18s never take adults-only tasks. */
const oldEnoughFor = (birthDate: string, need: HelpRequest['needs'][number], today: string): boolean =>
  !need.adultsOnly || !isMinor(birthDate, today);

/**
 * Whether a spontaneous volunteer is alerted: by age only, since they registered for this request and the coordinator
 * directs them on site (volunteers under 18 are not alerted for a request whose every task is for adults only).
 */
export const canTakeSomeNeed = (birthDate: string, needs: HelpRequest['needs'], today: string): boolean =>
  needs.some((need) => oldEnoughFor(birthDate, need, today));

/** Whether a person may take this task on `today`: old enough for it, and qualified where it needs it. */
export const canTake = (
  volunteer: Pick<Volunteer, 'birthDate' | 'qualifiedSince'>,
  need: HelpRequest['needs'][number],
  today: string,
  validityYears: number,
): boolean =>
  oldEnoughFor(volunteer.birthDate, need, today) &&
  (!TASKS_NEEDING_QUALIFICATION.includes(need.task) ||
    isQualified(volunteer.qualifiedSince, today, validityYears));

/**
 * Active, unpaused corps members of the scope, not on site for another request, who have not been alerted for this
 * request yet and can take at least one of its tasks (by age and qualification); outside their weekly availability
 * only when the request is urgent (`urgency: immediate`).
 */
export const selectCandidates = (
  volunteers: Volunteer[],
  alreadyAlerted: ReadonlySet<string>,
  needs: HelpRequest['needs'],
  on: { today: string; validityYears: number; at: Date; urgent: boolean },
): Volunteer[] => {
  const available = availabilityAt(on.at);
  return volunteers.filter(
    (v) =>
      v.status === 'active' &&
      !alreadyAlerted.has(v.id) &&
      !isPaused(v, on.today) &&
      (on.urgent || available(v.availability)) &&
      v.onSiteFor === undefined &&
      needs.some((need) => canTake(v, need, on.today, on.validityYears)),
  );
};

type Need = HelpRequest['needs'][number];
type CountedRequest = Pick<HelpRequest, 'needs' | 'counts'>;

/** How many accepted each task: counted per task, or (a request from before per-task counts) in total only. */
const acceptedFor = (request: CountedRequest, need: Need): number =>
  request.counts.byTask
    ? (request.counts.byTask[need.task]?.accepted ?? 0)
    : request.counts.accepted >= totalNeeded(request.needs)
      ? need.volunteers
      : 0;

export const totalNeeded = (needs: HelpRequest['needs']): number =>
  needs.reduce((sum, need) => sum + need.volunteers, 0);

/** The tasks that still lack volunteers, each with how many it needs and how many accepted it. */
export const unmetNeeds = (request: CountedRequest): (Need & { accepted: number })[] =>
  request.needs
    .map((need) => ({ ...need, accepted: acceptedFor(request, need) }))
    .filter((need) => need.accepted < need.volunteers);

/** Fewer people can take a task that needs a qualification, and fewer still when it is for adults only. */
export const constraint = (need: Need): number =>
  (TASKS_NEEDING_QUALIFICATION.includes(need.task) ? 2 : 0) + (need.adultsOnly ? 1 : 0);

/**
 * The task a yes fills: of the tasks still lacking volunteers that this person can take, the one fewest people can
 * take (so a medic's yes is not spent on sandbags), then the one lacking most. None: the yes is kept as reserve.
 * Spontaneous volunteers have no qualification on record, so they fill tasks open to everyone.
 */
export const assignTask = (
  request: CountedRequest,
  person: Pick<Volunteer, 'birthDate' | 'qualifiedSince'>,
  on: { today: string; validityYears: number },
): HelpRequest['needs'][number]['task'] | undefined =>
  unmetNeeds(request)
    .filter((need) => canTake(person, need, on.today, on.validityYears))
    .sort(
      (a, b) =>
        constraint(b) - constraint(a) ||
        b.volunteers - b.accepted - (a.volunteers - a.accepted) ||
        request.needs.indexOf(a) - request.needs.indexOf(b),
    )[0]?.task;

export type ResponseDecision = 'closed' | 'enough' | 'next-wave' | 'widen' | 'shortfall';

/**
 * At the end of a wave's or the response window: every task has the volunteers it needs, or alert the next wave
 * when the scope has eligible members left (`moreWaves`), or widen to the neighbouring corps not yet in scope (when
 * the request allows it), or report the shortfall to the coordinator. Judged per task: volunteers beyond one
 * task's need never make up for another's.
 */
export const decideAfterResponses = (
  request: Pick<HelpRequest, 'status' | 'counts' | 'needs' | 'allowWidening' | 'scope'>,
  neighbours: readonly string[],
  moreWaves = false,
): {
  decision: ResponseDecision;
  needed: number;
  accepted: number;
  short: { task: Need['task']; needed: number; accepted: number }[];
  widenTo: string[];
} => {
  const short = unmetNeeds(request).map((need) => ({
    task: need.task,
    needed: need.volunteers,
    accepted: need.accepted,
  }));
  const widenTo = neighbours.filter((nis) => !request.scope.includes(nis));
  const decision: ResponseDecision =
    request.status === 'closed'
      ? 'closed'
      : short.length === 0
        ? 'enough'
        : moreWaves
          ? 'next-wave'
          : request.allowWidening && widenTo.length > 0
            ? 'widen'
            : 'shortfall';
  return {
    decision,
    needed: totalNeeded(request.needs),
    accepted: request.counts.accepted,
    short,
    widenTo: decision === 'widen' ? widenTo : [],
  };
};
