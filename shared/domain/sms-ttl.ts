/**
 * How long an SMS is worth delivering. An alert that reaches a phone after its response window only confuses; the
 * provider drops an SMS it could not deliver within its time to live (TTL) instead of delivering it late. Pure rules:
 * the clock and the durations are passed in.
 */
import type { LifecycleTiming } from '../schemas/lifecycle';
import type { SmsJob } from '../schemas/sms-job';

/** The TTL bounds SendTextMessage accepts, in seconds (AWS End User Messaging SMS: 5 s to 72 hours). */
export const MIN_TTL_SECONDS = 5;
export const MAX_TTL_SECONDS = 72 * 3600;

/** Stand-downs, updates and "enough" notices are news for the day; a later SMS would mislead. */
const SAME_DAY_SECONDS = 12 * 3600;

/** An answer to the volunteer's own SMS (help text, confirmation of STOP): worth it while they still wait for it. */
export const REPLY_TTL_SECONDS = 3600;

/** Seconds an SMS of this kind stays worth delivering, counted from the moment it was queued. */
export const smsLifetimeSeconds = (kind: SmsJob['kind'], timing: LifecycleTiming): number => {
  switch (kind) {
    // The volunteer's answer counts within the response window; after it the request has widened or moved on.
    case 'alert':
      return timing.responseWindowSeconds;
    // Past the ack timeout the next coordinator on the roster is alerted.
    case 'coordinator':
      return timing.ackTimeoutSeconds;
    case 'stand-down':
    case 'update':
    case 'enough':
    case 'shortfall':
    case 'lifecycle-failed':
    case 'roster-exhausted':
      return SAME_DAY_SECONDS;
    // An insurance claim's status is no less true three days on.
    case 'claim-status':
      return MAX_TTL_SECONDS;
  }
};

/**
 * The TTL to send an SMS queued at `queuedAt` with, now: what is left of its lifetime (never less than the provider's
 * minimum, which also bounds the shortest windows), within the provider's bounds; `expired` once nothing is left.
 */
export const timeToLive = (
  kind: SmsJob['kind'],
  queuedAt: string,
  now: Date,
  timing: LifecycleTiming,
): number | 'expired' => {
  const lifetime = Math.max(MIN_TTL_SECONDS, smsLifetimeSeconds(kind, timing));
  const left = Math.ceil((Date.parse(queuedAt) + lifetime * 1000 - now.getTime()) / 1000);
  if (left <= 0) return 'expired';
  return Math.min(Math.max(left, MIN_TTL_SECONDS), MAX_TTL_SECONDS);
};
