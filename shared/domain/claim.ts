import { Conflict, Forbidden, NotFound, RuleViolation } from './errors';
import { hasRole, type Identity } from './identity';

export const CLAIM_KINDS = ['bodily-accident', 'civil-liability'] as const;
export type ClaimKind = (typeof CLAIM_KINDS)[number];

export const CLAIM_STATUSES = ['submitted', 'in-review', 'sent-to-insurer', 'settled', 'rejected'] as const;
export type ClaimStatus = (typeof CLAIM_STATUSES)[number];

/** The statuses a coordinator moves a claim to; `submitted` is where every claim starts. */
export type ClaimTarget = Exclude<ClaimStatus, 'submitted'>;

/**
 * The claim's way to the insurer: the Red Cross coordinator reviews it with the volunteer, sends it, and records
 * the insurer's decision. Rejection is possible at review (not insured) or by the insurer.
 */
export const CLAIM_TRANSITIONS: Record<ClaimStatus, readonly ClaimTarget[]> = {
  submitted: ['in-review'],
  'in-review': ['sent-to-insurer', 'rejected'],
  'sent-to-insurer': ['settled', 'rejected'],
  settled: [],
  rejected: [],
};

/** Settled or rejected: the claim moves no further, and its retention period starts. */
export const isFinalClaimStatus = (status: ClaimStatus): boolean => CLAIM_TRANSITIONS[status].length === 0;

/** While the claim is still being put together, the claimant (submitted) or the coordinator (until sent) adds to it. */
const OPEN_FOR_ADDITIONS: Record<'volunteer' | 'coordinator', readonly ClaimStatus[]> = {
  volunteer: ['submitted'],
  coordinator: ['submitted', 'in-review'],
};

export interface CoveragePeriod {
  from: string;
  /** Absent while the volunteer is still on site: the period counts up to now. */
  to?: string;
}

/** The role half: claims are the claimant's and the Red Cross coordinator's business, nobody else's (medical data). */
export const assertMayHandleClaims = (who: Identity): void => {
  if (!hasRole(who, 'coordinator', 'volunteer')) {
    throw new Forbidden('only the volunteer concerned or a Red Cross coordinator handles insurance claims');
  }
};

/** A claim: its claimant (a member, by their token) and coordinators; for anyone else it does not exist. */
export const assertCanSeeClaim = (who: Identity, claim: { volunteerId?: string }): void => {
  if (hasRole(who, 'coordinator')) return;
  if (hasRole(who, 'volunteer') && who.volunteerId !== undefined && who.volunteerId === claim.volunteerId)
    return;
  throw new NotFound('claim');
};

/** A volunteer files for themselves; a coordinator files on behalf of anyone deployed (spontaneous volunteers too). */
export const assertCanFileFor = (who: Identity, volunteerId: string): void => {
  if (hasRole(who, 'coordinator')) return;
  if (who.volunteerId !== volunteerId) {
    throw new Forbidden('a volunteer files a claim for themselves; a coordinator files on behalf of others');
  }
};

/** Only a coordinator moves a claim on, and only along CLAIM_TRANSITIONS. */
export const assertCanMoveClaim = (who: Identity, from: ClaimStatus, to: ClaimTarget): void => {
  if (!hasRole(who, 'coordinator')) throw new Forbidden('only a Red Cross coordinator moves a claim on');
  if (!CLAIM_TRANSITIONS[from].includes(to)) {
    throw new Conflict(`the claim is ${from}: it cannot move to ${to}`);
  }
};

/** What a claim may still receive (information, attachments) depends on who adds it and how far the claim is. */
export const assertCanAddToClaim = (who: Identity, status: ClaimStatus): void => {
  const role = hasRole(who, 'coordinator') ? 'coordinator' : 'volunteer';
  if (!OPEN_FOR_ADDITIONS[role].includes(status)) {
    throw new Conflict(
      role === 'volunteer'
        ? `the claim is ${status}: ask the coordinator to add to it`
        : `the claim is ${status}: nothing can be added any more`,
    );
  }
};

/** The periods as the claim form shows them, e.g. "2026-03-02T10:00:00.000Z..2026-03-02T12:00:00.000Z". */
const describePeriods = (periods: readonly CoveragePeriod[]): string =>
  periods.length === 0
    ? 'none'
    : periods.map((p) => `${p.from}..${p.to ?? 'now (still on site)'}`).join(', ');

/**
 * Insured only while checked in: `occurredAt` must fall inside one of the recorded coverage periods (an open one
 * counts up to `now`), and it cannot lie in the future.
 */
export const assertWithinCoverage = (
  occurredAt: string,
  periods: readonly CoveragePeriod[],
  now: Date,
): void => {
  const at = Date.parse(occurredAt);
  if (at > now.getTime()) throw new RuleViolation('occurred-in-future', 'occurredAt: lies in the future');
  const covered = periods.some(
    (p) => Date.parse(p.from) <= at && at <= (p.to ? Date.parse(p.to) : now.getTime()),
  );
  if (!covered) {
    throw new RuleViolation(
      'outside-coverage',
      `occurredAt: outside the recorded coverage periods of this deployment (${describePeriods(periods)})`,
    );
  }
};
