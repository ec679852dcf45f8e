import type { HelpRequest } from '../schemas/help-request';
import type { Volunteer } from '../schemas/volunteer';
import { availabilityAt } from './availability';

/**
 * Distance between two Belgian postcodes as a proxy for travel distance: postcodes are numbered by region, so
 * nearby numbers are mostly nearby places. Unknown home postcodes rank last.
 */
const postcodeDistance = (home: string | undefined, incident: string): number =>
  home === undefined ? Number.POSITIVE_INFINITY : Math.abs(Number(home) - Number(incident));

/** Deployments older than this no longer weigh in the fairness rule. */
export const RECENT_DEPLOYMENT_MONTHS = 12;

/**
 * Each member's recent deployments: their check-ins of the last 12 months, which the profile keeps (written with
 * each deployment record), so ranking thousands of candidates reads nothing more.
 */
export const recentDeployments = (
  volunteers: readonly Pick<Volunteer, 'id' | 'checkIns'>[],
  now: Date,
): Map<string, number> => {
  const since = new Date(now);
  since.setUTCMonth(since.getUTCMonth() - RECENT_DEPLOYMENT_MONTHS);
  const from = since.toISOString();
  return new Map(
    volunteers.map((v) => [
      v.id,
      (v.checkIns ?? []).filter((at) => at >= from && at <= now.toISOString()).length,
    ]),
  );
};

/**
 * Best candidates first, because SMS throughput is the bottleneck: volunteers inside their weekly availability at
 * `at` (an urgent request also alerts those outside it), then those with a skill the request's tasks need, then
 * those living nearest the incident, then those deployed least recently.
 */
export const rankCandidates = (
  volunteers: Volunteer[],
  request: Pick<HelpRequest, 'needs' | 'location'>,
  recentDeployments: ReadonlyMap<string, number> = new Map(),
  at?: Date,
): Volunteer[] => {
  const tasks = new Set<string>(request.needs.map((need) => need.task));
  const available = at ? availabilityAt(at) : () => true;
  const key = (v: Volunteer) => ({
    outside: available(v.availability) ? 0 : 1,
    skilled: v.skills.some((skill) => tasks.has(skill)) ? 0 : 1,
    distance: postcodeDistance(v.homePostcode, request.location.postcode),
    deployments: recentDeployments.get(v.id) ?? 0,
  });
  return volunteers
    .map((volunteer) => ({ volunteer, rank: key(volunteer) }))
    .sort(
      (a, b) =>
        a.rank.outside - b.rank.outside ||
        a.rank.skilled - b.rank.skilled ||
        a.rank.distance - b.rank.distance ||
        a.rank.deployments - b.rank.deployments ||
        a.volunteer.registeredAt.localeCompare(b.volunteer.registeredAt),
    )
    .map(({ volunteer }) => volunteer);
};
