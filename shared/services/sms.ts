import type { Alert, Answer } from '../domain/alert';
import { belgianDate } from '../domain/dates';
import { coordinatorAtLevel } from '../domain/duty-roster';
import { exerciseMark } from '../domain/exercise';
import { smsParts } from '../domain/gsm7';
import { assignTask } from '../domain/help-request';
import {
  ACCOUNT_DEFAULT_ORIGINATION,
  afterDeliveryFailure,
  awaitsSending,
  MAX_RATE_WAIT_SECONDS,
  originationCandidates,
} from '../domain/origination';
import { matchReply, parseReply } from '../domain/reply';
import { recipientOf } from '../domain/sms-job';
import {
  MAX_CHOICES,
  renderChoiceSms,
  renderConfirmationSms,
  renderHelpSms,
  renderLateReplySms,
  renderReserveSms,
} from '../domain/sms-templates';
import { timeToLive } from '../domain/sms-ttl';
import { SmsRecipientOptedOut, SmsRefused } from '../messaging/ports';
import { logger, maskPhone } from '../observability/logger';
import type { Ports } from '../ports';
import type { HelpRequest } from '../schemas/help-request';
import type { DeliveryReceipt, InboundSms, SmsJob, SmsRef } from '../schemas/sms-job';
import { thankWaitingVolunteers } from './enough';
import { alertsByRequestState } from './open-alerts';
import { type Person, peopleByPhone, personBehind } from './people';
import { replyOnce } from './reply-once';
import { handleOptOutReply, handlePauseReply, recipientOptedOut } from './sms-opt-out';
import { sendBackingOff } from './throttled-send';
import { trainingValidityYears } from './training';

/** A claim older than this belongs to a dispatcher that died between claim and send (Lambda timeout is shorter). */
const STALE_CLAIM_MS = 5 * 60 * 1000;

/** The job's SMS is being sent by another dispatcher, which has not finished (or died) yet. */
export class SmsClaimedElsewhere extends Error {
  override readonly name = 'SmsClaimedElsewhere';
}

/** Every number of the pool was full for MAX_RATE_WAIT_SECONDS: the queue redelivers the job later. */
export class OriginationPoolBusy extends Error {
  override readonly name = 'OriginationPoolBusy';
}

type SmsPorts = Pick<
  Ports,
  | 'alerts'
  | 'smsLedger'
  | 'volunteers'
  | 'adHoc'
  | 'claims'
  | 'sms'
  | 'clock'
  | 'smsRates'
  | 'smsPool'
  | 'sleep'
  | 'metrics'
  | 'timing'
  | 'newId'
>;

/** What the records say of an SMS that went out from the pool, which picks the number itself. */
export const POOL_ORIGINATION = 'pool';

/** What became of one SMS job. */
export type DispatchOutcome = 'sent' | 'duplicate' | 'withheld' | 'expired' | 'refused' | 'kept-dry';

/**
 * Sends the SMS of one job at most once per claim, within the pool's rate and with what is left of its lifetime as
 * its time to live; a failed send is released so the redelivery retries it. An SMS whose lifetime ran out in the
 * queue is expired instead of sent late; one the provider will never send (a country outside the protect
 * configuration, over the price cap, an invalid number) is failed at once.
 */
export const dispatchSms = async (ports: SmsPorts, job: SmsJob): Promise<DispatchOutcome> => {
  const now = ports.clock.now();
  const claim = await ports.smsLedger.claimForSending(
    job,
    now.toISOString(),
    new Date(now.getTime() - STALE_CLAIM_MS).toISOString(),
  );
  if (!claim) {
    // Sent before (a redelivered job: drop it), or claimed by a dispatcher that may still fail and release it, or that
    // died: then the job must come back, and after the stale window it claims the SMS itself.
    const current = await ports.smsLedger.findSms(job);
    if (current && awaitsSending(current.smsStatus))
      throw new SmsClaimedElsewhere('another dispatcher holds this SMS; the queue brings the job back');
    return 'duplicate';
  }
  if ((await recipientOptedOut(ports, job)) || (await claimantErased(ports, job))) {
    await ports.smsLedger.withhold(job);
    return 'withheld';
  }
  if (job.dry) {
    // No phone, no pool, no price: it is kept where the exercise's coordinator reads it, as if delivered at once.
    await ports.smsLedger.keepDry(job, {
      messageId: `dry-${ports.newId()}`,
      at: now.toISOString(),
      kind: job.kind,
      recipient: recipientOf(job),
      to: maskPhone(job.to),
      body: job.body,
      parts: smsParts(job.body),
    });
    ports.metrics.add('SmsKeptDry', 1);
    return 'kept-dry';
  }
  const ttl = timeToLive(job.kind, claim.queuedAt, now, ports.timing);
  if (ttl === 'expired') {
    await ports.smsLedger.expire(job, now.toISOString());
    ports.metrics.add('SmsExpired', 1);
    return 'expired';
  }
  let sent: { messageId: string; originationNumber: string };
  try {
    const slot = await reserveOrigination(ports, job);
    // A retry after a failed delivery goes out on another number of the pool; anything else from the pool.
    const from = job.avoidOrigination && slot !== ACCOUNT_DEFAULT_ORIGINATION ? slot : undefined;
    const { messageId } = await sendBackingOff(
      ports,
      { to: job.to, body: job.body, ...(from ? { from } : {}), ttlSeconds: ttl, context: contextOf(job) },
      { requestId: job.requestId },
    );
    sent = { messageId, originationNumber: from ?? POOL_ORIGINATION };
  } catch (error) {
    if (error instanceof SmsRecipientOptedOut) {
      await ports.smsLedger.withhold(job);
      return 'withheld';
    }
    if (error instanceof SmsRefused) {
      await ports.smsLedger.refuse(job, ports.clock.now().toISOString(), error.message);
      return 'refused';
    }
    await ports.smsLedger.release(job);
    throw error;
  }
  await ports.smsLedger.markSent({ job, ...sent, attempt: claim.attempts + 1 }, ports.clock.now());
  if (job.kind === 'alert') ports.metrics.add('AlertsSent', 1);
  return 'sent';
};

/** A claim-status SMS queued before its claimant was erased: the claim has no phone any more, so it never goes. */
const claimantErased = async (ports: Pick<Ports, 'claims'>, job: SmsJob): Promise<boolean> =>
  job.kind === 'claim-status' && !(await ports.claims.get(job.claimId))?.claimant.phone;

/**
 * The first number whose bucket has room for the job's parts now; when none has, waits until the first of them
 * will, for at most MAX_RATE_WAIT_SECONDS in all.
 */
/** The shortest wait for room in the pool, so a dispatcher does not ask DynamoDB in a tight loop. */
const MIN_RATE_WAIT_MS = 25;

const reserveOrigination = async (ports: SmsPorts, job: SmsJob): Promise<string> => {
  const parts = smsParts(job.body);
  const candidates = originationCandidates(ports.smsPool.numbers, job.to, job.avoidOrigination);
  for (let waited = 0; ; ) {
    const now = ports.clock.now().getTime();
    let soonest = Number.POSITIVE_INFINITY;
    for (const number of candidates) {
      const decision = await ports.smsRates.reserve(number, now, parts, ports.smsPool.partsPerSecond);
      if (decision.allowed) return number;
      soonest = Math.min(soonest, decision.waitMs);
    }
    // Not less than a few milliseconds: at a high rate the first room is a moment away, and others may take it.
    const wait = Math.max(soonest, MIN_RATE_WAIT_MS);
    if (waited + wait > MAX_RATE_WAIT_SECONDS * 1000)
      throw new OriginationPoolBusy(`no origination number had room for ${parts} parts`);
    await ports.sleep(wait);
    waited += wait;
  }
};

/** Ids only: the provider passes the context back on every delivery event of the SMS. */
const contextOf = (job: SmsJob): Record<string, string> => ({ requestId: job.requestId, kind: job.kind });

export type ReceiptOutcome =
  | 'delivered'
  | 'retried'
  | 'unreachable'
  | 'expired'
  | 'unchanged'
  | 'unknown-message';

type ReceiptPorts = Pick<
  Ports,
  | 'alerts'
  | 'smsLedger'
  | 'smsJobs'
  | 'volunteers'
  | 'adHoc'
  | 'dutyRoster'
  | 'helpRequests'
  | 'claims'
  | 'metrics'
>;

/**
 * Where an SMS goes now: the volunteer's or coordinator's current number; none for an erased or opted-out member or
 * a purged spontaneous volunteer.
 */
const currentRecipient = async (ports: ReceiptPorts, ref: SmsRef): Promise<string | undefined> => {
  if (ref.kind === 'coordinator' || ref.kind === 'shortfall' || ref.kind === 'lifecycle-failed') {
    return coordinatorAtLevel(await ports.dutyRoster.get(), ref.kind === 'coordinator' ? ref.level : 0)
      ?.phone;
  }
  // The crisis centre's number is deployment configuration, not data: this function does not carry it.
  if (ref.kind === 'roster-exhausted') return undefined;
  if (ref.kind === 'claim-status') return (await ports.claims.get(ref.claimId))?.claimant.phone;
  if (ref.spontaneous) return (await personBehind(ports, ref))?.phone;
  const volunteer = await ports.volunteers.get(ref.volunteerId);
  return volunteer?.status === 'active' ? volunteer.phone : undefined;
};

/**
 * A call-out, an update or an "enough volunteers" notice is pointless once its request closed; a stand-down or a
 * coordinator's SMS is not.
 */
const stillWanted = async (ports: ReceiptPorts, ref: SmsRef): Promise<boolean> =>
  !(ref.kind === 'alert' || ref.kind === 'update' || ref.kind === 'enough') ||
  (await ports.helpRequests.get(ref.requestId))?.status !== 'closed';

/**
 * Applies one delivery receipt to the SMS it is about. A first failure sends the SMS once more through another
 * origination number, to the recipient's current phone; a second failure, or nobody left to retry for, leaves it
 * failed (a volunteer alert: the volunteer is unreachable). An SMS the provider dropped when its time to live ran out
 * is expired and never retried: it could only arrive late. Receipts for an older message, repeated or out of order,
 * change nothing.
 */
export const handleDeliveryReceipt = async (
  ports: ReceiptPorts,
  receipt: DeliveryReceipt,
): Promise<ReceiptOutcome> => {
  const sent = await ports.smsLedger.findSent(receipt.messageId);
  if (!sent) return 'unknown-message';
  if (receipt.status === 'delivered')
    return (await ports.smsLedger.markDelivered(sent, receipt.at)) ? 'delivered' : 'unchanged';
  const reason = receipt.reason ?? 'delivery failed';
  if (receipt.status === 'expired') {
    const expired = await ports.smsLedger.markDeliveryFailed(sent, 'expired', receipt.at, reason);
    if (expired) ports.metrics.add('SmsExpired', 1);
    return expired ? 'expired' : 'unchanged';
  }
  const to =
    afterDeliveryFailure(sent.attempt) === 'retry' && (await stillWanted(ports, sent.job))
      ? await currentRecipient(ports, sent.job)
      : undefined;
  // Counted once per failed SMS: a repeated receipt changes nothing and counts nothing.
  const failed = await ports.smsLedger.markDeliveryFailed(sent, to ? 'queued' : 'failed', receipt.at, reason);
  if (failed) ports.metrics.add('SmsFailures', 1);
  if (!to) return failed ? 'unreachable' : 'unchanged';
  if (!failed) {
    // Requeued before, but the retry may never have reached the queue: hand it over again (the claim dedupes).
    const current = await ports.smsLedger.findSms(sent.job);
    if (current?.smsStatus !== 'queued' || current.messageId !== sent.messageId) return 'unchanged';
  }
  // The number it failed on: the event names it, the record only when it was chosen (a retry, a reply).
  const avoidOrigination = receipt.originationNumber ?? sent.originationNumber;
  await ports.smsJobs.enqueue([{ ...sent.job, to, avoidOrigination } as SmsJob]);
  return 'retried';
};

type InboundPorts = Pick<
  Ports,
  | 'alerts'
  | 'smsLedger'
  | 'volunteers'
  | 'adHoc'
  | 'helpRequests'
  | 'dutyRoster'
  | 'sms'
  | 'smsJobs'
  | 'metrics'
  | 'sleep'
>;

export type InboundOutcome =
  | 'recorded'
  | 'unchanged'
  | 'opted-out'
  | 'rejoined'
  | 'paused'
  | 'resumed'
  | 'help-sent'
  | 'choice-sent'
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
  if (reply.kind === 'stop' || reply.kind === 'start')
    return handleOptOutReply(ports, people, reply.kind, sms, receivedAt);
  if (reply.kind === 'pause') return handlePauseReply(ports, people, reply.days, sms, receivedAt);
  /** The tool's one answer to this inbound message, whatever number of times SNS delivers it. */
  const answer = async (body: string, outcome: InboundOutcome): Promise<InboundOutcome> =>
    (await replyOnce(ports, sms, receivedAt, volunteer.phone, body)) ? outcome : 'answered-before';
  if (reply.kind !== 'answer') return answer(renderHelpSms(volunteer.language), 'help-sent');
  const { open, closed } = await alertsByRequestState(
    ports,
    people.map((person) => person.id),
  );
  const target = matchReply(reply.code, open, closed);
  if (target.kind === 'none') return answer(renderHelpSms(volunteer.language), 'help-sent');
  if (target.kind === 'late') return answer(renderLateReplySms(volunteer.language), 'late');
  if (target.kind === 'several') {
    const options = await Promise.all(
      target.alerts.slice(0, MAX_CHOICES).map(async (a) => ({
        code: a.code,
        title: (await ports.helpRequests.get(a.requestId))?.title ?? '',
      })),
    );
    const word = reply.answer === 'accept' ? 'JA' : 'NEE';
    return answer(renderChoiceSms(volunteer.language, { word, options }), 'choice-sent');
  }
  const alert = target.alert;
  const request = await ports.helpRequests.get(alert.requestId);
  if (!request || request.status === 'closed') return answer(renderLateReplySms(volunteer.language), 'late');
  if (reply.answer === 'decline') {
    const outcome = await ports.alerts.recordAnswer(alert, 'declined', receivedAt, reply.note);
    return outcome === 'task-full' ? 'unchanged' : outcome;
  }
  const person = people.find((p) => p.id === alert.volunteerId) ?? volunteer;
  const yes = await recordYes(ports, alert, request, person, receivedAt, reply.note);
  if (yes.answer === 'declined') return yes.outcome;
  if (yes.outcome === 'recorded' && yes.answer === 'accepted')
    await recordFirstAcceptance(ports, request, receivedAt);
  const told = await answer(
    yes.answer === 'reserve'
      ? renderReserveSms(person.language, { title: request.title, ...exerciseMark(request) })
      : renderConfirmationSms(person.language, {
          title: request.title,
          place: request.location.description ?? request.location.postcode,
          ...(await coordinatorOf(ports, yes.request)),
          ...exerciseMark(request),
        }),
    yes.outcome,
  );
  // Also on a redelivery: the first delivery may have failed before the waiting volunteers were told.
  if (yes.answer === 'accepted') await thankWaitingVolunteers(ports, yes.request, receivedAt);
  return yes.outcome === 'recorded' ? 'recorded' : told;
};

/** Tries of a yes whose task filled up meanwhile; then it is kept in reserve. */
const ASSIGN_ATTEMPTS = 5;

/**
 * Records a yes: it fills the task the volunteer fits best among those still lacking volunteers, or is kept in
 * reserve when none is left. A yes from someone who already fills a task changes nothing; a reserve whose task has
 * come open again (someone said no after all) now fills it. Returns the request as it stands after the answer.
 */
const recordYes = async (
  ports: InboundPorts,
  alert: Alert,
  request: HelpRequest,
  person: Person,
  at: string,
  note: string | undefined,
): Promise<{ outcome: 'recorded' | 'unchanged'; answer: Answer; request: HelpRequest }> => {
  if (alert.response === 'accepted') return { outcome: 'unchanged', answer: 'accepted', request };
  const on = { today: belgianDate(new Date(at)), validityYears: trainingValidityYears() };
  let current = request;
  for (let attempt = 1; ; attempt++) {
    // Requests from before per-task counts count acceptances in total only.
    const task = current.counts.byTask ? assignTask(current, person, on) : undefined;
    const answer = task || !current.counts.byTask ? 'accepted' : 'reserve';
    const outcome = await ports.alerts.recordAnswer(alert, answer, at, note, task);
    if (outcome === 'recorded')
      return { outcome, answer, request: (await ports.helpRequests.get(request.id)) ?? current };
    if (outcome === 'unchanged') {
      // Answered the same before, or a later answer (a NEE sent after this JA) stands: say what is on record.
      const stored = (await ports.alerts.get(alert.requestId, alert.volunteerId))?.response ?? answer;
      return { outcome, answer: stored, request: (await ports.helpRequests.get(request.id)) ?? current };
    }
    if (attempt >= ASSIGN_ATTEMPTS) {
      const reserved = await ports.alerts.recordAnswer(alert, 'reserve', at, note);
      const after = (await ports.helpRequests.get(request.id)) ?? current;
      return {
        outcome: reserved === 'recorded' ? 'recorded' : 'unchanged',
        answer: 'reserve',
        request: after,
      };
    }
    current = (await ports.helpRequests.get(request.id)) ?? current;
  }
};

/** Who coordinates, for the confirmation: the on-duty coordinator, once the request has been acknowledged. */
const coordinatorOf = async (
  ports: InboundPorts,
  request: HelpRequest,
): Promise<{ coordinator?: string }> => {
  if (!request.acknowledgedAt) return {};
  const name = (await ports.dutyRoster.get())?.onDuty.name;
  return name ? { coordinator: name } : {};
};

/**
 * The delay from the request to its first acceptance, the mobilisation's pace. The answer's transaction keeps the
 * first acceptance time on the request; this answer was the first when the stored time is its own.
 */
const recordFirstAcceptance = async (ports: InboundPorts, request: HelpRequest, at: string) => {
  if (request.firstAcceptedAt || (await ports.helpRequests.get(request.id))?.firstAcceptedAt !== at) return;
  ports.metrics.add('TimeToFirstAcceptance', (Date.parse(at) - Date.parse(request.createdAt)) / 1000);
};
