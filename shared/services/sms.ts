import { parseReply } from '../domain/reply';
import { renderHelpSms, renderLateReplySms } from '../domain/sms-templates';
import { logger, maskPhone } from '../observability/logger';
import type { Ports } from '../ports';
import type { InboundSms, SmsJob } from '../schemas/sms-job';
import { peopleByPhone } from './people';

/** A claim older than this belongs to a dispatcher that died between claim and send (Lambda timeout is shorter). */
const STALE_CLAIM_MS = 5 * 60 * 1000;

type SmsPorts = Pick<Ports, 'alerts' | 'sms' | 'clock'>;

/** Sends the SMS of one job at most once per claim; a failed send is released so the redelivery retries it. */
export const dispatchSms = async (ports: SmsPorts, job: SmsJob): Promise<'sent' | 'duplicate'> => {
  const now = ports.clock.now();
  const claimed = await ports.alerts.claimForSending(
    job,
    now.toISOString(),
    new Date(now.getTime() - STALE_CLAIM_MS).toISOString(),
  );
  if (!claimed) return 'duplicate';
  let messageId: string;
  try {
    ({ messageId } = await ports.sms.send(job.to, job.body));
  } catch (error) {
    await ports.alerts.release(job);
    throw error;
  }
  await ports.alerts.markSent(job, messageId, ports.clock.now().toISOString());
  return 'sent';
};

type InboundPorts = Pick<Ports, 'alerts' | 'volunteers' | 'adHoc' | 'helpRequests' | 'sms'>;

export type InboundOutcome =
  | 'recorded'
  | 'unchanged'
  | 'opted-out'
  | 'help-sent'
  | 'late'
  | 'unknown-sender'
  | 'answered-before';

/**
 * Handles one reply. Recording is idempotent (a duplicate event changes nothing) and answers carry the time
 * they were received, so an older answer arriving late never overrides a newer one.
 */
export const handleInboundSms = async (
  ports: InboundPorts,
  sms: InboundSms,
  receivedAt: string,
): Promise<InboundOutcome> => {
  // A member and a spontaneous volunteer of some request can share a phone: their alerts are answered together.
  const people = await peopleByPhone(ports, sms.originationNumber);
  const volunteer = people[0];
  if (!volunteer) {
    logger.info('reply from an unknown number', { from: maskPhone(sms.originationNumber) });
    return 'unknown-sender';
  }
  const reply = parseReply(sms.messageBody);
  if (reply.kind === 'stop') {
    if (volunteer.member) await ports.volunteers.optOut(volunteer.id, receivedAt);
    return 'opted-out';
  }
  const alerts =
    reply.kind === 'answer'
      ? (await Promise.all(people.map((person) => ports.alerts.listForVolunteer(person.id)))).flat()
      : [];
  const candidates =
    reply.kind === 'answer' && reply.code
      ? alerts.filter((a) => a.code === reply.code)
      : alerts.filter((a) => !a.response);
  const alert = candidates.length === 1 ? candidates[0] : undefined;
  /** The tool's one answer to this inbound message, whatever number of times SNS delivers it. */
  const answer = async (body: string, outcome: 'help-sent' | 'late'): Promise<InboundOutcome> => {
    if (!(await ports.alerts.claimReplyTo(sms.inboundMessageId, receivedAt))) return 'answered-before';
    try {
      await ports.sms.send(volunteer.phone, body);
    } catch (error) {
      await ports.alerts.releaseReplyTo(sms.inboundMessageId);
      throw error;
    }
    return outcome;
  };
  if (reply.kind !== 'answer' || !alert) return answer(renderHelpSms(volunteer.language), 'help-sent');
  const request = await ports.helpRequests.get(alert.requestId);
  if (!request || request.status === 'closed') return answer(renderLateReplySms(volunteer.language), 'late');
  return ports.alerts.recordAnswer(
    alert,
    reply.answer === 'accept' ? 'accepted' : 'declined',
    receivedAt,
    reply.note,
  );
};
