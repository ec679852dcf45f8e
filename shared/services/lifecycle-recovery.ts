import { coordinatorAtLevel } from '../domain/duty-roster';
import { Conflict } from '../domain/errors';
import { dryJob, exerciseMark } from '../domain/exercise';
import {
  errorName,
  type NextAfterRecovery,
  type RecoverableState,
  recoveryPlan,
} from '../domain/lifecycle-recovery';
import { renderLifecycleFailureSms } from '../domain/sms-templates';
import { logger } from '../observability/logger';
import type { Ports } from '../ports';

/** Who closes a request the lifecycle could no longer carry, as its `closedBy` says. */
export const RECOVERY_CLOSER = 'lifecycle-recovery';

/**
 * The recovery path of the lifecycle: a step failed after its retries. Closes the request if it cannot go on,
 * records a `lifecycle-failed` timeline entry (state, error name, outcome: no personal data), counts the failure for
 * the alarm and texts the on-duty coordinator (the crisis centre when nobody is on duty) once per failed state,
 * however often this step is retried. Answers where the lifecycle goes on; it always ends with the purge.
 */
export const recoverLifecycle = async (
  ports: Pick<
    Ports,
    'helpRequests' | 'smsLedger' | 'dutyRoster' | 'smsJobs' | 'metrics' | 'crisisCentrePhone' | 'clock'
  >,
  requestId: string,
  state: RecoverableState,
  error: string,
): Promise<{ next: NextAfterRecovery }> => {
  const request = await ports.helpRequests.get(requestId);
  // A request that is gone has nobody to stand down or tell; its spontaneous volunteers are still purged.
  if (!request) return { next: 'aftercare' };
  const plan = recoveryPlan(state, request.status);
  const now = ports.clock.now().toISOString();
  if (plan.close) {
    try {
      await ports.helpRequests.close(requestId, RECOVERY_CLOSER, now);
    } catch (closed) {
      if (!(closed instanceof Conflict)) throw closed;
    }
  }
  if (await ports.smsLedger.createLifecycleFailureAlert(requestId, state, now)) {
    await ports.helpRequests.appendTimeline(requestId, {
      at: now,
      type: 'lifecycle-failed',
      state,
      error: errorName(error),
      outcome: plan.outcome,
    });
    ports.metrics.add('LifecycleStepFailures', 1);
    logger.error('lifecycle step failed for good; recovery path taken', {
      requestId,
      state,
      error: errorName(error),
      outcome: plan.outcome,
    });
  }
  const to = coordinatorAtLevel(await ports.dutyRoster.get(), 0)?.phone ?? ports.crisisCentrePhone;
  if (to) {
    await ports.smsJobs.enqueue([
      {
        requestId,
        kind: 'lifecycle-failed',
        state,
        to,
        ...dryJob(request),
        body: renderLifecycleFailureSms('nl', {
          municipality: request.municipalityName,
          title: request.title,
          outcome: plan.outcome,
          ...exerciseMark(request),
        }),
      },
    ]);
  }
  return { next: plan.next };
};

/**
 * A purge failed after its retries: the data of spontaneous volunteers is still stored. The metric (and its alarm)
 * comes first and the timeline entry is best effort, since the purge most likely failed on the same table; the step
 * never fails, so the count of failed rounds always moves on and the retries stay bounded.
 */
export const reportPurgeFailure = async (
  ports: Pick<Ports, 'helpRequests' | 'metrics' | 'clock'>,
  requestId: string,
  error: string,
  earlierFailures: number,
): Promise<number> => {
  const attempt = earlierFailures + 1;
  ports.metrics.add('PurgeFailures', 1);
  logger.error('purge failed; retried later', { requestId, error: errorName(error), attempt });
  try {
    await ports.helpRequests.appendTimeline(requestId, {
      at: ports.clock.now().toISOString(),
      type: 'purge-failed',
      error: errorName(error),
      attempt,
    });
  } catch (unrecorded) {
    logger.error('purge failure not recorded on the timeline', {
      requestId,
      error: (unrecorded as Error).name,
    });
  }
  return attempt;
};
