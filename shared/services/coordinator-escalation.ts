import { dryJob, exerciseMark } from '../domain/exercise';
import { renderRosterExhaustedSms } from '../domain/sms-templates';
import { logger } from '../observability/logger';
import type { Ports } from '../ports';
import { requireHelpRequest } from './require-help-request';

/**
 * Nobody on the duty roster acknowledged the request in two rounds (or nobody is on it): the timeline says so, ops
 * get the metric's alarm and the crisis centre an SMS, once however often the step is retried.
 */
export const reportRosterExhausted = async (
  ports: Pick<Ports, 'helpRequests' | 'smsLedger' | 'smsJobs' | 'metrics' | 'crisisCentrePhone' | 'clock'>,
  requestId: string,
  levels: number,
): Promise<{ crisisCentreAlerted: boolean }> => {
  const request = await requireHelpRequest(ports, requestId);
  const now = ports.clock.now().toISOString();
  if (await ports.smsLedger.createRosterExhaustedAlert(requestId, now)) {
    await ports.helpRequests.appendTimeline(requestId, {
      at: now,
      type: 'coordinator-unreachable',
      levels,
      rounds: 2,
    });
    ports.metrics.add('CoordinatorRosterExhausted', 1);
  }
  const to = ports.crisisCentrePhone;
  if (!to) {
    logger.error('no crisis-centre number configured: only the alarm tells of an unacknowledged request', {
      requestId,
    });
    return { crisisCentreAlerted: false };
  }
  await ports.smsJobs.enqueue([
    {
      requestId,
      kind: 'roster-exhausted',
      to,
      ...dryJob(request),
      body: renderRosterExhaustedSms('nl', {
        municipality: request.municipalityName,
        title: request.title,
        levels,
        ...exerciseMark(request),
      }),
    },
  ]);
  return { crisisCentreAlerted: true };
};
