import { assertCanCoordinate } from '../domain/access';
import { RuleViolation } from '../domain/errors';
import { dryJob, exerciseMark } from '../domain/exercise';
import { gsm7Length, toGsm7 } from '../domain/gsm7';
import type { Identity } from '../domain/identity';
import { renderUpdateSms, updateRoom } from '../domain/sms-templates';
import type { Ports } from '../ports';
import type { CoordinatorUpdate, CoordinatorUpdateBody } from '../schemas/coordinator-update';
import type { SmsJob } from '../schemas/sms-job';
import { personBehind } from './people';
import { requireOpenHelpRequest } from './require-help-request';
import { recipientOptedOut } from './sms-opt-out';

/**
 * The coordinator's update (where to gather, what to bring, who to report to) to every volunteer who accepted, by SMS
 * in one part. Each recipient's SMS is recorded before it is queued, so a redelivered job never sends it twice.
 */
export const sendCoordinatorUpdate = async (
  ports: Pick<
    Ports,
    'helpRequests' | 'alerts' | 'smsLedger' | 'volunteers' | 'adHoc' | 'smsJobs' | 'clock' | 'newId'
  >,
  who: Identity,
  requestId: string,
  body: CoordinatorUpdateBody,
): Promise<CoordinatorUpdate> => {
  assertCanCoordinate(who);
  const request = await requireOpenHelpRequest(ports, requestId);
  const room = updateRoom(request.municipalityName, exerciseMark(request));
  if ((gsm7Length(toGsm7(body.message)) ?? Infinity) > room) {
    throw new RuleViolation(
      'update-too-long',
      `message: at most ${room} GSM-7 characters fit one SMS for ${request.municipalityName}`,
    );
  }
  const updateId = ports.newId();
  const sentAt = ports.clock.now().toISOString();
  const accepted = (await ports.alerts.listForRequest(requestId)).filter((a) => a.response === 'accepted');
  const jobs: SmsJob[] = [];
  for (const alert of accepted) {
    const person = await personBehind(ports, alert);
    if (!person) continue;
    const job: SmsJob = {
      requestId,
      kind: 'update',
      updateId,
      volunteerId: person.id,
      ...(alert.spontaneous ? { spontaneous: true as const } : {}),
      to: person.phone,
      ...dryJob(request),
      body: renderUpdateSms(person.language, {
        municipality: request.municipalityName,
        message: body.message,
        ...exerciseMark(request),
      }),
    };
    // Someone who texted STOP is no recipient; the dispatcher withholds what was queued before.
    if (await recipientOptedOut(ports, job)) continue;
    await ports.smsLedger.createUpdate(requestId, updateId, person.id, sentAt);
    jobs.push(job);
  }
  await ports.smsJobs.enqueue(jobs);
  await ports.helpRequests.appendTimeline(requestId, {
    at: sentAt,
    type: 'update-sent',
    updateId,
    by: who.sub,
    recipients: jobs.length,
    message: body.message,
  });
  return { updateId, recipients: jobs.length, sentAt };
};
