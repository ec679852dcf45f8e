import { inBatches } from '../batches';
import type { Alert } from '../domain/alert';
import { belgianDate } from '../domain/dates';
import { dryJob, exerciseMark } from '../domain/exercise';
import { selectCandidates, unmetNeeds } from '../domain/help-request';
import { awaitsSending } from '../domain/origination';
import { rankCandidates, recentDeployments } from '../domain/ranking';
import { freeReplyCode } from '../domain/reply-code';
import { renderAlertSms } from '../domain/sms-templates';
import type { Ports } from '../ports';
import type { HelpRequest } from '../schemas/help-request';
import type { SmsJob } from '../schemas/sms-job';
import type { Volunteer } from '../schemas/volunteer';
import { takenReplyCodes } from './open-alerts';
import { trainingValidityYears } from './training';

/** What writing alerts and queueing their SMS needs: the lifecycle's Mobilise and an activation's municipalities. */
export type AlertingPorts = Pick<Ports, 'helpRequests' | 'alerts' | 'smsJobs'>;

/** Alerts written before their SMS are queued; a mobilisation of thousands queues its first SMS after this many. */
const ALERTS_PER_ROUND = 1000;

/**
 * The members who may be alerted now, best first: not alerted for this request yet, and able to take a task that
 * still lacks volunteers (a widened or repeated mobilisation asks only for what is missing).
 */
export const eligibleMembers = (
  request: HelpRequest,
  volunteers: Volunteer[],
  existing: readonly Alert[],
  clock: Date,
) => {
  const needs = unmetNeeds(request);
  const on = {
    today: belgianDate(clock),
    validityYears: trainingValidityYears(),
    at: clock,
    urgent: request.urgency === 'immediate',
  };
  const eligible = rankCandidates(
    selectCandidates(volunteers, new Set(existing.map((a) => a.volunteerId)), needs, on),
    { ...request, needs },
    recentDeployments(volunteers, clock),
    clock,
  );
  return { eligible, on };
};

/**
 * Writes an alert for each chosen volunteer, each with a code none of their other open alerts uses, a round at a
 * time, and queues each round's SMS as soon as its alerts are on record: in a mass mobilisation the first phones
 * buzz while later alerts are still being written. The SMS of earlier alerts not sent yet (`existing`, a retried
 * step) are queued again: the dispatcher drops what went out already. Returns how many alerts it wrote.
 */
export const alertAndQueue = async (
  ports: AlertingPorts,
  request: HelpRequest,
  options: {
    /** Everyone who may be among `existing` or `chosen`: their phones and languages. */
    volunteers: readonly Volunteer[];
    existing: readonly Alert[];
    chosen: readonly Volunteer[];
    now: string;
    wave?: number;
    /**
     * An activation's corps step: the only writer of these volunteers' alerts for the request, which knows
     * `existing` (none on its first run). Its alerts carry the activation and are written in batches, without
     * conditions.
     */
    activationId?: string;
  },
): Promise<number> => {
  const byId = new Map(options.volunteers.map((v) => [v.id, v]));
  const alertsFor = async (round: readonly Volunteer[]): Promise<Alert[]> => {
    const taken = await takenReplyCodes(
      ports,
      request.id,
      round.map((v) => v.id),
    );
    return round.map((v) => ({
      requestId: request.id,
      volunteerId: v.id,
      municipality: v.municipality,
      code: freeReplyCode(request.id, v.id, taken.get(v.id) ?? new Set()),
      smsStatus: 'queued',
      createdAt: options.now,
      ...(options.wave ? { wave: options.wave } : {}),
      ...(options.activationId ? { activationId: options.activationId } : {}),
    }));
  };
  const queueSms = async (alerts: readonly Alert[]) => {
    const jobs = alerts.flatMap((alert): SmsJob[] => {
      const volunteer = byId.get(alert.volunteerId);
      if (!volunteer || !awaitsSending(alert.smsStatus)) return [];
      return [
        {
          requestId: request.id,
          kind: 'alert',
          volunteerId: volunteer.id,
          to: volunteer.phone,
          ...dryJob(request),
          body: renderAlertSms(volunteer.language, {
            municipality: request.municipalityName,
            title: request.title,
            code: alert.code,
            ...exerciseMark(request),
          }),
        },
      ];
    });
    if (jobs.length) await ports.smsJobs.enqueue(jobs);
  };
  await queueSms(options.existing);
  let created = 0;
  for (const round of inBatches(options.chosen, ALERTS_PER_ROUND)) {
    const alerts = await alertsFor(round);
    created += await (options.activationId
      ? ports.alerts.createAbsent(alerts)
      : ports.alerts.createMany(alerts));
    await queueSms(alerts);
  }
  return created;
};
