import type { HelpRequestStatus } from '../schemas/help-request';
import type { LifecycleFailureOutcome } from './sms-templates';

/** The states whose failure, after their retries, the state machine hands to the recovery path. */
export const RECOVERABLE_STATES = ['AlertAndMobilise', 'AwaitClose', 'StandDown'] as const;
export type RecoverableState = (typeof RECOVERABLE_STATES)[number];

/** Where the lifecycle goes on after the recovery: it always ends with the aftercare window and the purge. */
export type NextAfterRecovery = 'await-close' | 'stand-down' | 'aftercare';

export interface RecoveryPlan {
  outcome: LifecycleFailureOutcome;
  next: NextAfterRecovery;
  /** The request cannot go on without the lifecycle waiting for its close: close it, so the stand-down follows. */
  close: boolean;
}

/**
 * What a failed step means for the request. A failed alerting or mobilisation leaves an open request the coordinator
 * can still run by hand (activations, check-ins, the close); without a parked close the lifecycle could never learn
 * of the close, so the request is closed and everyone who said yes is stood down; a failed stand-down is past the
 * close, and the coordinator has to phone those who said yes.
 */
export const recoveryPlan = (state: RecoverableState, status: HelpRequestStatus): RecoveryPlan => {
  if (state === 'AwaitClose') return { outcome: 'closed', next: 'stand-down', close: true };
  if (state === 'StandDown') return { outcome: 'not-stood-down', next: 'aftercare', close: false };
  return { outcome: status === 'closed' ? 'closed' : 'continues', next: 'await-close', close: false };
};

/** An error name as Step Functions reports it, safe for the timeline: never a message that could hold personal data. */
export const errorName = (raw: string | undefined): string =>
  raw && /^[A-Za-z][\w.:-]{0,79}$/.test(raw) ? raw : 'UnknownError';
