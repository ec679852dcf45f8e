import { belgianDate } from '../domain/dates';
import { memberBySms } from '../domain/identity';
import {
  renderHelpSms,
  renderOptedOutSms,
  renderPausedSms,
  renderRejoinedSms,
  renderResumedSms,
} from '../domain/sms-templates';
import { pausedUntilFor } from '../domain/volunteer';
import type { Ports } from '../ports';
import type { InboundSms, SmsJob } from '../schemas/sms-job';
import type { Person } from './people';
import { replyOnce } from './reply-once';

type OptOutPorts = Pick<Ports, 'alerts' | 'volunteers' | 'adHoc' | 'sms' | 'metrics' | 'sleep'>;

/**
 * Who a keyword from a known phone speaks for (the member behind the number, else its first spontaneous
 * registration), and the tool's one answer to that inbound message, however often it is delivered.
 */
const keywordReply = <Outcome extends string>(
  ports: OptOutPorts,
  people: readonly Person[],
  sms: InboundSms,
  receivedAt: string,
) => {
  const member = people.find((person) => person.member);
  const speaker = member ?? people[0];
  if (!speaker) throw new Error('a keyword reply needs the people behind the number');
  const reply = (body: string, outcome: Outcome): Promise<Outcome | 'answered-before'> =>
    replyOnce(ports, sms, receivedAt, speaker.phone, body).then((sent) =>
      sent ? outcome : 'answered-before',
    );
  return { member, speaker, reply };
};

/**
 * STOP or a rejoin word from a known phone. STOP opts out everyone behind the number: the member (no more alerts or
 * SMS until they rejoin) and each of its spontaneous registrations (no further SMS about that request). A rejoin word
 * brings an opted-out member back. Each is confirmed once per inbound message; the writes are conditional, so a
 * redelivered event changes nothing.
 */
export const handleOptOutReply = async (
  ports: OptOutPorts,
  people: readonly Person[],
  kind: 'stop' | 'start',
  sms: InboundSms,
  receivedAt: string,
): Promise<'opted-out' | 'rejoined' | 'help-sent' | 'answered-before'> => {
  const { member, speaker, reply } = keywordReply<'opted-out' | 'rejoined' | 'help-sent'>(
    ports,
    people,
    sms,
    receivedAt,
  );
  if (kind === 'start') {
    // Spontaneous registrations are for one request: there is no standing registration to come back to.
    if (!member) return reply(renderHelpSms(speaker.language), 'help-sent');
    await ports.volunteers.rejoin(member.id, receivedAt);
    return reply(renderRejoinedSms(member.language), 'rejoined');
  }
  if (member) await ports.volunteers.optOut(member.id, receivedAt);
  const registrations = await ports.adHoc.findByPhone(sms.originationNumber);
  await Promise.all(registrations.map((r) => ports.adHoc.optOut(r.requestId, r.id, receivedAt)));
  return reply(renderOptedOutSms(speaker.language, member ? 'member' : 'spontaneous'), 'opted-out');
};

/**
 * `PAUZE n` from a member: no alerts today and the next n − 1 days (0 resumes them), confirmed once with the last
 * day. A number that only registered spontaneously has nothing to pause: it gets the help text.
 */
export const handlePauseReply = async (
  ports: OptOutPorts,
  people: readonly Person[],
  days: number,
  sms: InboundSms,
  receivedAt: string,
): Promise<'paused' | 'resumed' | 'help-sent' | 'answered-before'> => {
  const { member, speaker, reply } = keywordReply<'paused' | 'resumed' | 'help-sent'>(
    ports,
    people,
    sms,
    receivedAt,
  );
  const volunteer = member && (await ports.volunteers.get(member.id));
  if (!volunteer) return reply(renderHelpSms(speaker.language), 'help-sent');
  const until = pausedUntilFor(belgianDate(new Date(receivedAt)), days);
  // A redelivered message finds the pause made: nothing to write again.
  if ((volunteer.pausedUntil ?? null) !== until)
    await ports.volunteers.update(volunteer, { pausedUntil: until }, receivedAt, memberBySms(volunteer.id));
  return until
    ? reply(renderPausedSms(volunteer.language, until), 'paused')
    : reply(renderResumedSms(volunteer.language), 'resumed');
};

/**
 * Whether a volunteer's SMS (alert, update, stand-down, enough) must not go out because its recipient opted out: checked by
 * the dispatcher, so jobs queued before the STOP are stopped too. Coordinators' and claim SMS are not affected.
 */
export const recipientOptedOut = async (
  ports: Pick<Ports, 'volunteers' | 'adHoc'>,
  job: SmsJob,
): Promise<boolean> => {
  if (job.kind !== 'alert' && job.kind !== 'stand-down' && job.kind !== 'update' && job.kind !== 'enough')
    return false;
  if (job.spontaneous)
    return (await ports.adHoc.get(job.requestId, job.volunteerId))?.optedOutAt !== undefined;
  return (await ports.volunteers.get(job.volunteerId))?.status === 'opted-out';
};
