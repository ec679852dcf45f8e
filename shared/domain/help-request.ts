import type { Task } from '../schemas/common';
import type { Counts, CreateHelpRequestBody, HelpRequest } from '../schemas/help-request';
import type { Volunteer } from '../schemas/volunteer';
import { isQualified } from './training';
import { isMinor, isPaused } from './volunteer';

export const emptyCounts = (): Counts => ({ alerted: 0, accepted: 0, declined: 0, checkedIn: 0 });

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
  counts: emptyCounts(),
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

/** Whether a corps member may take this task on `today`: old enough for it, and qualified where it needs it. */
const canTake = (
  volunteer: Volunteer,
  need: HelpRequest['needs'][number],
  today: string,
  validityYears: number,
): boolean =>
  oldEnoughFor(volunteer.birthDate, need, today) &&
  (!TASKS_NEEDING_QUALIFICATION.includes(need.task) ||
    isQualified(volunteer.qualifiedSince, today, validityYears));

/**
 * Active, unpaused corps members of the scope, not on site for another request, who have not been alerted for this
 * request yet and can take at least one of its tasks (by age and qualification).
 */
export const selectCandidates = (
  volunteers: Volunteer[],
  alreadyAlerted: ReadonlySet<string>,
  needs: HelpRequest['needs'],
  on: { today: string; validityYears: number },
): Volunteer[] =>
  volunteers.filter(
    (v) =>
      v.status === 'active' &&
      !alreadyAlerted.has(v.id) &&
      !isPaused(v, on.today) &&
      v.onSiteFor === undefined &&
      needs.some((need) => canTake(v, need, on.today, on.validityYears)),
  );

export type ResponseDecision = 'closed' | 'enough' | 'widen' | 'shortfall';

/**
 * At the end of the response window: enough volunteers accepted, or widen to the neighbouring corps not yet in
 * scope (when the request allows it), or report the shortfall to the coordinator.
 */
export const decideAfterResponses = (
  request: Pick<HelpRequest, 'status' | 'counts' | 'needs' | 'allowWidening' | 'scope'>,
  neighbours: readonly string[],
): { decision: ResponseDecision; needed: number; accepted: number; widenTo: string[] } => {
  const needed = request.needs.reduce((sum, need) => sum + need.volunteers, 0);
  const accepted = request.counts.accepted;
  const widenTo = neighbours.filter((nis) => !request.scope.includes(nis));
  const decision: ResponseDecision =
    request.status === 'closed'
      ? 'closed'
      : accepted >= needed
        ? 'enough'
        : request.allowWidening && widenTo.length > 0
          ? 'widen'
          : 'shortfall';
  return { decision, needed, accepted, widenTo: decision === 'widen' ? widenTo : [] };
};
