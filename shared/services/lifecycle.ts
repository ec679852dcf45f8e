import { coordinatorAtLevel } from '../domain/duty-roster';
import { dryJob, exerciseMark } from '../domain/exercise';
import { decideAfterResponses, totalNeeded, unmetNeeds } from '../domain/help-request';
import { renderCoordinatorAlertSms, renderShortfallSms, renderStandDownSms } from '../domain/sms-templates';
import { pickWave } from '../domain/waves';
import type { Ports } from '../ports';
import type { AlertWaves } from '../schemas/lifecycle';
import type { SmsJob } from '../schemas/sms-job';
import { checkOutEveryone } from './deployments';
import { thankWaitingVolunteers } from './enough';
import { alertAndQueue, eligibleMembers } from './mobilisation';
import { personBehind } from './people';
import { requireHelpRequest } from './require-help-request';

type MobilisePorts = Pick<
  Ports,
  'helpRequests' | 'activations' | 'volunteers' | 'alerts' | 'smsJobs' | 'clock'
>;
type StandDownPorts = MobilisePorts & Pick<Ports, 'deployments' | 'adHoc' | 'smsLedger'>;

/**
 * Whom one mobilisation alerts: the lifecycle's numbered wave of the best-ranked members (sized by `size`; a request
 * whose urgency is immediate gets everyone), or every eligible member at once (the demo year's seeding). Activations
 * by hand alert their corps through `mobiliseMunicipality`.
 */
export type Reach = { wave: number; size: AlertWaves } | 'everyone';

/**
 * Alerts the eligible volunteers of the request's scope who were not alerted yet, but for the corps activations
 * added (their activation alerts them): a wave of them, or all. Safe to
 * run again (a retried step, a widened scope): existing alerts are kept, a wave already begun is topped up rather
 * than sent twice, and every alert whose SMS has not gone out yet is queued again, because the dispatcher drops
 * what was sent already. `moreWaves`: eligible members of the scope are left for a next wave.
 */
export const mobilise = async (
  ports: MobilisePorts,
  requestId: string,
  reach: Reach,
): Promise<{ alerted: number; closed: boolean; moreWaves: boolean }> => {
  const request = await requireHelpRequest(ports, requestId);
  if (request.status === 'closed') return { alerted: 0, closed: true, moreWaves: false };
  await ports.helpRequests.markMobilising(requestId);

  // A corps an activation added is its activation's to alert (each corps' alerts have one writer), unless the
  // activation is over and failed it: then a wave reaches its members.
  const activated = new Set(
    (await ports.activations.listForRequest(requestId)).flatMap((a) =>
      a.municipalities.filter((nis) => !a.finishedAt || !a.failed?.includes(nis)),
    ),
  );
  const volunteers = (
    await Promise.all(
      request.scope
        .filter((nis) => !activated.has(nis))
        .map((nis) => ports.volunteers.listByMunicipality(nis)),
    )
  ).flat();
  const existing = await ports.alerts.forVolunteers(
    requestId,
    volunteers.map((v) => v.id),
  );
  const clock = ports.clock.now();
  const { eligible, on } = eligibleMembers(request, volunteers, existing, clock);
  const wave = reach !== 'everyone' && request.urgency !== 'immediate' ? reach : undefined;
  const byId = new Map(volunteers.map((v) => [v.id, v]));
  const candidates = wave
    ? pickWave(
        request,
        eligible,
        existing.flatMap((a) => (a.wave === wave.wave && byId.get(a.volunteerId)) || []),
        wave.size,
        on,
      )
    : eligible;
  const now = clock.toISOString();
  const created = await alertAndQueue(ports, request, {
    volunteers,
    existing,
    chosen: candidates,
    now,
    ...(wave ? { wave: wave.wave } : {}),
  });
  // Counted, not added: a crash between the alerts and the count is repaired by the retried step.
  await ports.helpRequests.raiseAlerted(requestId, await ports.alerts.countForRequest(requestId));
  if (created > 0)
    await ports.helpRequests.appendTimeline(requestId, {
      at: now,
      type: 'mobilised',
      alerted: created,
      scope: request.scope,
      ...(wave ? { wave: wave.wave } : {}),
    });
  return { alerted: created, closed: false, moreWaves: eligible.length > candidates.length };
};

/** The AwaitClose callback task: park the token on the request, or resume at once if it was closed meanwhile. */
export const awaitClose = async (
  ports: Pick<Ports, 'helpRequests' | 'workflow'>,
  requestId: string,
  taskToken: string,
): Promise<void> => {
  const parked = await ports.helpRequests.storeCloseToken(requestId, taskToken);
  if (!parked) await ports.workflow.resume(taskToken, { alreadyClosed: true });
};

/**
 * Stand-down SMS to everyone who said yes, reserves included (they stood ready, and may have been called in); a
 * retried step queues them again and the dispatcher sends each once.
 */
export const standDown = async (ports: StandDownPorts, requestId: string): Promise<{ stoodDown: number }> => {
  const request = await requireHelpRequest(ports, requestId);
  const accepted = (await ports.alerts.listForRequest(requestId)).filter(
    (a) => a.response === 'accepted' || a.response === 'reserve',
  );
  await checkOutEveryone(ports, requestId);
  const now = ports.clock.now().toISOString();
  const jobs: SmsJob[] = [];
  let recorded = 0;
  for (const alert of accepted) {
    const volunteer = await personBehind(ports, alert);
    if (!volunteer) continue;
    if (await ports.smsLedger.createStandDown(requestId, volunteer.id, now)) recorded++;
    jobs.push({
      requestId,
      kind: 'stand-down',
      volunteerId: volunteer.id,
      ...(alert.spontaneous ? { spontaneous: true as const } : {}),
      to: volunteer.phone,
      ...dryJob(request),
      body: renderStandDownSms(volunteer.language, {
        municipality: request.municipalityName,
        ...exerciseMark(request),
      }),
    });
  }
  await ports.smsJobs.enqueue(jobs);
  if (recorded > 0)
    await ports.helpRequests.appendTimeline(requestId, { at: now, type: 'stood-down', volunteers: recorded });
  return { stoodDown: accepted.length };
};

/** Raised when nobody on the duty roster is left to alert; the state machine catches it by name. */
export class RosterExhausted extends Error {
  override readonly name = 'RosterExhausted';
}

/**
 * The coordinator alert callback task at `level` of the duty roster (0 = on duty, then the backups) in `round` 1
 * or 2 (the second pass over the roster): parks the token and sends the SMS once; the task ends when a coordinator
 * acknowledges (or the request closes), and times out into the next level otherwise. Past the last level it
 * raises RosterExhausted, which the state machine turns into a second round, then into the crisis centre's alert.
 */
export const alertCoordinator = async (
  ports: Pick<
    Ports,
    'helpRequests' | 'alerts' | 'smsLedger' | 'dutyRoster' | 'smsJobs' | 'workflow' | 'clock'
  >,
  requestId: string,
  level: number,
  taskToken: string,
  round = 1,
): Promise<void> => {
  const request = await requireHelpRequest(ports, requestId);
  const roster = await ports.dutyRoster.get();
  const coordinator = coordinatorAtLevel(roster, level);
  const now = ports.clock.now().toISOString();
  if (!coordinator) {
    throw new RosterExhausted(`no coordinator left on the duty roster after ${level} level(s)`);
  }
  if (!(await ports.helpRequests.storeAckToken(requestId, taskToken))) {
    await ports.workflow.resume(taskToken, { alreadyHandled: true });
    return;
  }
  const inRound = round === 1 ? {} : { round };
  if (await ports.smsLedger.createCoordinatorAlert(requestId, level, now, round)) {
    await ports.helpRequests.appendTimeline(requestId, {
      at: now,
      type: 'coordinator-alerted',
      level,
      ...inRound,
    });
  }
  await ports.smsJobs.enqueue([
    {
      requestId,
      kind: 'coordinator',
      level,
      ...inRound,
      to: coordinator.phone,
      ...dryJob(request),
      body: renderCoordinatorAlertSms({
        municipality: request.municipalityName,
        title: request.title,
        volunteers: request.needs.reduce((sum, need) => sum + need.volunteers, 0),
        level,
        ...exerciseMark(request),
      }),
    },
  ]);
};

/**
 * End of the response window: what the mobilisation branch does next. When every task has its volunteers, those
 * still waiting are told (again, should the reply that filled the last task have failed before telling them).
 */
export const evaluateResponses = async (
  ports: Pick<
    Ports,
    'helpRequests' | 'municipalities' | 'alerts' | 'smsLedger' | 'volunteers' | 'adHoc' | 'smsJobs' | 'clock'
  >,
  requestId: string,
  moreWaves = false,
): Promise<ReturnType<typeof decideAfterResponses>> => {
  const request = await requireHelpRequest(ports, requestId);
  const decision = decideAfterResponses(
    request,
    await ports.municipalities.neighbours(request.municipality),
    moreWaves,
  );
  if (decision.decision === 'enough')
    await thankWaitingVolunteers(ports, request, ports.clock.now().toISOString());
  return decision;
};

/** Automatic widening to the neighbouring corps; Mobilise runs again and alerts only who was not alerted yet. */
export const widenToNeighbours = async (
  ports: Pick<Ports, 'helpRequests' | 'municipalities' | 'clock'>,
  requestId: string,
): Promise<{ added: string[] }> => {
  const request = await requireHelpRequest(ports, requestId);
  const { widenTo } = decideAfterResponses(
    request,
    await ports.municipalities.neighbours(request.municipality),
  );
  if (widenTo.length === 0) return { added: [] };
  const widened = await ports.helpRequests.widenScope(
    request,
    widenTo,
    ports.clock.now().toISOString(),
    'neighbours',
  );
  return { added: widened ? widenTo : [] };
};

/** Too few accepted for some task and nobody left to ask: the on-duty coordinator hears it by SMS, once. */
export const alertShortfall = async (
  ports: Pick<Ports, 'helpRequests' | 'alerts' | 'smsLedger' | 'dutyRoster' | 'smsJobs' | 'clock'>,
  requestId: string,
): Promise<{ needed: number; accepted: number }> => {
  const request = await requireHelpRequest(ports, requestId);
  const needed = totalNeeded(request.needs);
  const accepted = request.counts.accepted;
  const short = unmetNeeds(request).map((need) => ({
    task: need.task,
    needed: need.volunteers,
    accepted: need.accepted,
  }));
  const now = ports.clock.now().toISOString();
  if (await ports.smsLedger.createShortfallAlert(requestId, now)) {
    await ports.helpRequests.appendTimeline(requestId, {
      at: now,
      type: 'shortfall',
      needed,
      accepted,
      short,
    });
  }
  const onDuty = (await ports.dutyRoster.get())?.onDuty;
  if (onDuty) {
    await ports.smsJobs.enqueue([
      {
        requestId,
        kind: 'shortfall',
        to: onDuty.phone,
        ...dryJob(request),
        body: renderShortfallSms({
          municipality: request.municipalityName,
          title: request.title,
          needed,
          accepted,
          ...exerciseMark(request),
          // One task: the totals say it all.
          ...(request.needs.length > 1 ? { short } : {}),
        }),
      },
    ]);
  }
  return { needed, accepted };
};

/**
 * The response window as a callback task: it times out into the evaluation, or ends at once when the request is
 * closed (the close resumes it), so a close never waits for the window to run out.
 */
export const awaitResponses = async (
  ports: Pick<Ports, 'helpRequests' | 'workflow'>,
  requestId: string,
  taskToken: string,
): Promise<void> => {
  if (!(await ports.helpRequests.storeResponseToken(requestId, taskToken))) {
    await ports.workflow.resume(taskToken, { closed: true });
  }
};
