import type { PurgeReceipt } from '../schemas/help-request';
import { type ClaimStatus, isFinalClaimStatus } from './claim';

/**
 * How long copies of personal data live outside the tables the purge empties. The stacks apply these figures and the
 * purge receipt states them, so what the receipt promises is what AWS is told to do.
 */

/** SNS's SMS delivery logs name each recipient's number: a week to trace a failed SMS, gone before any purge. */
export const SMS_DELIVERY_LOG_RETENTION_DAYS = 7;
/** CloudWatch deletes expired log events "typically within 72 hours" after their retention ends. */
export const LOG_DELETION_LAG_DAYS = 3;
/** DynamoDB point-in-time recovery: a table can be restored to any second of the last 35 days (its maximum). */
export const POINT_IN_TIME_RECOVERY_DAYS = 35;

const DAY_MS = 24 * 3600 * 1000;
const after = (from: Date, days: number) => new Date(from.getTime() + days * DAY_MS).toISOString();

/**
 * Every SMS to a spontaneous volunteer went out before their purge, so its delivery log is gone at the latest a
 * retention (and CloudWatch's deletion lag) after it; a restore to a moment before the purge is possible until the
 * recovery window has passed it.
 */
export const keptElsewhereAfterPurge = (purgedAt: Date): NonNullable<PurgeReceipt['elsewhere']> => [
  {
    what: 'sms-delivery-logs',
    until: after(purgedAt, SMS_DELIVERY_LOG_RETENTION_DAYS + LOG_DELETION_LAG_DAYS),
  },
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
