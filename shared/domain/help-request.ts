import type { Counts, CreateHelpRequestBody, HelpRequest } from '../schemas/help-request';
import type { Volunteer } from '../schemas/volunteer';
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

/**
 * Active, unpaused corps members of the scope, not on site for another request, who have not been alerted for this
 * request yet and can take at least one of its tasks (members under 18 are not alerted for adults-only tasks).
 */
export const selectCandidates = (
  volunteers: Volunteer[],
  alreadyAlerted: ReadonlySet<string>,
  needs: HelpRequest['needs'],
  today: string,
): Volunteer[] =>
  volunteers.filter(
    (v) =>
      v.status === 'active' &&
      !alreadyAlerted.has(v.id) &&
      !isPaused(v, today) &&
      v.onSiteFor === undefined &&
      canTakeSomeNeed(v.birthDate, needs, today),
  );

/** Volunteers under 18 are not alerted for a request whose every task is for adults only. */
export const canTakeSomeNeed = (birthDate: string, needs: HelpRequest['needs'], today: string): boolean =>
  needs.some((need) => !need.adultsOnly || !isMinor(birthDate, today));

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
