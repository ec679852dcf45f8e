import pMap from 'p-map';
import { dryJob, exerciseMark } from '../domain/exercise';
import { unmetNeeds } from '../domain/help-request';
import { missedRecipient } from '../domain/origination';
import { renderEnoughSms } from '../domain/sms-templates';
import type { Ports } from '../ports';
import type { HelpRequest } from '../schemas/help-request';
import type { SmsJob } from '../schemas/sms-job';
import { personBehind } from './people';

type EnoughPorts = Pick<Ports, 'alerts' | 'smsLedger' | 'helpRequests' | 'volunteers' | 'adHoc' | 'smsJobs'>;

const WRITE_CONCURRENCY = 25;

/**
 * Once every task of the request has its volunteers, everyone alerted who has not answered hears that they need not
 * come, and is no longer waited for. Once per volunteer (a conditional record); run again (a redelivered reply, the
 * evaluation after it), it queues the unsent SMS again and the dispatcher sends each once. Nobody who answered first
 * is told, nor anyone whose call-out never reached them. Returns how many were told for the first time.
 */
export const thankWaitingVolunteers = async (
  ports: EnoughPorts,
  request: HelpRequest,
  now: string,
): Promise<number> => {
  if (request.status === 'closed' || unmetNeeds(request).length > 0) return 0;
  const waiting = (await ports.alerts.listForRequest(request.id)).filter(
    (alert) => !alert.response && !missedRecipient(alert.smsStatus),
  );
  const told = await pMap(
    waiting,
    async (alert): Promise<{ job?: SmsJob; first: boolean }> => {
      const outcome = await ports.smsLedger.recordEnough(request.id, alert.volunteerId, now);
      if (outcome === 'answered') return { first: false };
      const person = await personBehind(ports, alert);
      if (!person) return { first: outcome === 'released' };
      return {
        first: outcome === 'released',
        job: {
          requestId: request.id,
          kind: 'enough',
          volunteerId: person.id,
          ...(alert.spontaneous ? { spontaneous: true as const } : {}),
          to: person.phone,
          ...dryJob(request),
          body: renderEnoughSms(person.language, { title: request.title, ...exerciseMark(request) }),
        },
      };
    },
    { concurrency: WRITE_CONCURRENCY },
  );
  const jobs = told.flatMap((t) => (t.job ? [t.job] : []));
  if (jobs.length) await ports.smsJobs.enqueue(jobs);
  const first = told.filter((t) => t.first).length;
  if (first > 0)
    await ports.helpRequests.appendTimeline(request.id, { at: now, type: 'enough-volunteers', told: first });
  return first;
};
