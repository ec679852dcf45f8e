import type { PurgeReceipt } from '../schemas/help-request';
import { type ClaimStatus, isFinalClaimStatus } from './claim';

/**
 * How long copies of personal data live outside the tables the purge empties. The stacks apply these figures and the
 * purge receipt states them, so what the receipt promises is what AWS is told to do.
 */

/**
 * The queues that may hold an SMS's recipient number (a dead SMS job, a delivery event that failed to apply) keep it
 * a week: enough to investigate, gone before the aftercare window ends and so before any purge.
 */
export const SMS_DEAD_LETTER_RETENTION_DAYS = 7;
/** DynamoDB point-in-time recovery: a table can be restored to any second of the last 35 days (its maximum). */
export const POINT_IN_TIME_RECOVERY_DAYS = 35;

const DAY_MS = 24 * 3600 * 1000;
const after = (from: Date, days: number) => new Date(from.getTime() + days * DAY_MS).toISOString();

/**
 * A restore to a moment before the purge is possible until the recovery window has passed it. SMS leave no log with a
 * number in it (delivery events pass through a topic and a queue; receipts made before issue 16 listed SNS's
 * delivery logs here).
 */
export const keptElsewhereAfterPurge = (purgedAt: Date): NonNullable<PurgeReceipt['elsewhere']> => [
  { what: 'backups', until: after(purgedAt, POINT_IN_TIME_RECOVERY_DAYS) },
];

/**
 * Insurance claims are kept under a legal obligation, also after their claimant is erased: by default five years
 * after the claim was settled or rejected (`claimRetentionYears` in the deployment configuration).
 */
export const DEFAULT_CLAIM_RETENTION_YEARS = 5;

/** The day a claim that reached `status` at `at` may be deleted; undefined while the claim is still open. */
export const claimRetainUntil = (status: ClaimStatus, at: string, years: number): string | undefined => {
  if (!isFinalClaimStatus(status)) return undefined;
  const until = new Date(at);
  until.setUTCFullYear(until.getUTCFullYear() + years);
  return until.toISOString();
};
