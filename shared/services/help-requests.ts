import {
  assertCanCoordinate,
  assertCanLaunchRequest,
  assertCanReadRequest,
  municipalityToList,
  seesResponders,
} from '../domain/access';
import { progressOf } from '../domain/activation';
import type { Alert } from '../domain/alert';
import { auditRequestAct, SYSTEM_ACTOR } from '../domain/audit';
import { Conflict, Forbidden } from '../domain/errors';
import { newHelpRequest } from '../domain/help-request';
import { hasRole, type Identity } from '../domain/identity';
import { onSiteStateOf } from '../domain/on-site';
import { missedRecipient } from '../domain/origination';
import { viewForRole } from '../domain/request-view';
import type { Ports } from '../ports';
import type { Deployment } from '../schemas/deployment';
import type {
  CreateHelpRequestBody,
  HelpRequest,
  HelpRequestView,
  ListHelpRequestsQuery,
  Responder,
  UnreachableVolunteer,
} from '../schemas/help-request';
import { personBehind } from './people';
import { requireJoined } from './registry';
import { requireHelpRequest } from './require-help-request';

export const launchHelpRequest = async (
  ports: Pick<
    Ports,
    'municipalities' | 'helpRequests' | 'dutyRoster' | 'workflow' | 'metrics' | 'timing' | 'clock' | 'newId'
  >,
  who: Identity,
  body: CreateHelpRequestBody,
): Promise<HelpRequest> => {
  assertCanLaunchRequest(who, body.municipality, body.channel);
  if (
    !hasRole(who, 'coordinator') &&
    !(await ports.municipalities.requesters(body.municipality)).includes(who.sub)
  ) {
    throw new Forbidden('the municipal-admin has not named this official as a requester');
  }
  const municipality = await requireJoined(ports, body.municipality);
  // Nobody would take the request: the coordinator at the phone hears it now; an API launch is kept, and ops alarmed.
  const rosterEmpty = !(await ports.dutyRoster.get());
  if (rosterEmpty && body.channel === 'phone')
    throw new Conflict('the duty roster is empty: put a coordinator on duty before entering a request');
  const request = newHelpRequest({
    id: ports.newId(),
    body,
    municipalityName: municipality.name,
    requestedBy: who.sub,
    now: ports.clock.now().toISOString(),
  });
  await ports.helpRequests.create(
    request,
    auditRequestAct(who, 'launched', request.id, request.createdAt, {
      municipality: request.municipality,
      channel: request.channel,
    }),
  );
  try {
    await ports.workflow.start({ requestId: request.id, timing: ports.timing });
  } catch (error) {
    // Without an execution nobody would ever be alerted: take the request back so the client's retry starts clean.
    await ports.helpRequests.remove(
      request.id,
      auditRequestAct(SYSTEM_ACTOR, 'launch-withdrawn', request.id, ports.clock.now().toISOString(), {
        reason: 'lifecycle-not-started',
      }),
    );
    throw error;
  }
  if (rosterEmpty) {
    ports.metrics.add('LaunchedWithoutDutyRoster', 1);
    await ports.helpRequests.appendTimeline(request.id, { at: request.createdAt, type: 'duty-roster-empty' });
  }
  return request;
};

export const viewHelpRequest = async (
  ports: Pick<Ports, 'helpRequests' | 'alerts' | 'deployments' | 'adHoc' | 'volunteers' | 'activations'>,
  who: Identity,
  id: string,
): Promise<HelpRequestView> => {
  const request = await requireHelpRequest(ports, id);
  assertCanReadRequest(who, request.municipality);
  const [timeline, activations, alerts, deployments, purgeReceipt] = await Promise.all([
    ports.helpRequests.timeline(id),
    ports.activations.listForRequest(id),
    ports.alerts.listForRequest(id),
    // Who is on site goes with who answered: one query over the request's deployments, only for those who see them.
    seesResponders(who) ? ports.deployments.listForRequest(id) : [],
    request.status === 'closed' ? ports.adHoc.receipt(id) : undefined,
  ]);
  const unreachable = await unreachableVolunteers(ports, alerts);
  const waiting = alerts.filter((a) => !a.response);
  const corpsOf = new Map(alerts.map((a) => [a.volunteerId, a.municipality]));
  return viewForRole(
    who,
    {
      ...request,
      counts: {
        ...request.counts,
        released: waiting.filter((a) => a.releasedAt).length,
        unanswered: waiting.filter((a) => !a.releasedAt).length,
      },
      timeline,
      activations: activations.map(progressOf),
      unreachable: { count: unreachable.length, volunteers: unreachable },
      ...(seesResponders(who) ? { responses: await responders(ports, alerts, deployments) } : {}),
      ...(purgeReceipt ? { purgeReceipt } : {}),
    },
    (volunteerId) => corpsOf.get(volunteerId),
  );
};

/**
 * Every answer with the volunteer's name and note and where they stand on site, latest first; the answers of an
 * erased member or a purged spontaneous volunteer are no longer listed.
 */
const responders = async (
  ports: Pick<Ports, 'volunteers' | 'adHoc'>,
  alerts: Alert[],
  deployments: Deployment[],
): Promise<Responder[]> => {
  const answered = alerts.filter((a) => a.response && a.respondedAt);
  const people = await Promise.all(answered.map((alert) => personBehind(ports, alert)));
  const deploymentOf = new Map(deployments.map((d) => [d.volunteerId, d]));
  return answered
    .flatMap((alert, i) => {
      const person = people[i];
      if (!person || !alert.response || !alert.respondedAt) return [];
      return [
        {
          volunteerId: person.id,
          name: person.name,
          municipality: alert.municipality,
          ...(alert.spontaneous ? { spontaneous: true as const } : {}),
          answer: alert.response,
          ...(alert.task ? { task: alert.task } : {}),
          at: alert.respondedAt,
          ...(alert.note ? { note: alert.note } : {}),
          ...onSiteStateOf(deploymentOf.get(alert.volunteerId)),
        },
      ];
    })
    .sort((a, b) => b.at.localeCompare(a.at));
};

/**
 * Volunteers whose alert failed to deliver for good or expired undelivered, with their name and phone for the coordinator's call
 * (`viewForRole` keeps the phone from everyone else); an erased or purged person has neither any more.
 */
const unreachableVolunteers = async (
  ports: Pick<Ports, 'volunteers' | 'adHoc'>,
  alerts: Alert[],
): Promise<UnreachableVolunteer[]> =>
  Promise.all(
    alerts
      .filter((a) => missedRecipient(a.smsStatus))
      .map(async (alert) => {
        const person = await personBehind(ports, alert);
        return {
          volunteerId: alert.volunteerId,
          ...(person ? { name: person.name, phone: person.phone } : {}),
          municipality: alert.municipality,
          failedAt: alert.failedAt ?? alert.createdAt,
          reason: alert.failureReason ?? 'delivery failed',
          ...(alert.smsStatus === 'expired' ? { expired: true as const } : {}),
        };
      }),
  );

/** A coordinator's act on a help request that answers with the request as it is afterwards. */
type CoordinatorAct = (
  ports: Pick<Ports, 'helpRequests' | 'workflow' | 'clock'>,
  who: Identity,
  id: string,
) => Promise<HelpRequest>;

/** Marks the request closed (once), then lets every waiting step of the lifecycle go on: the close, the escalation. */
export const closeHelpRequest: CoordinatorAct = async (ports, who, id) => {
  assertCanCoordinate(who);
  const now = ports.clock.now().toISOString();
  try {
    await ports.helpRequests.close(id, who.sub, now, auditRequestAct(who, 'closed', id, now));
  } catch (error) {
    // A close that crashed before resuming leaves the lifecycle waiting: a retry resumes it, then reports the conflict.
    if (error instanceof Conflict) await resumeAll(ports, id, { closedBy: who.sub });
    throw error;
  }
  await resumeAll(ports, id, { closedBy: who.sub });
  return requireHelpRequest(ports, id);
};

/** The coordinator takes the request: the escalation to backups stops. */
export const acknowledgeHelpRequest: CoordinatorAct = async (ports, who, id) => {
  assertCanCoordinate(who);
  const now = ports.clock.now().toISOString();
  const { ackToken } = await ports.helpRequests.acknowledge(
    id,
    who.sub,
    now,
    auditRequestAct(who, 'acknowledged', id, now),
  );
  if (ackToken) await ports.workflow.resume(ackToken, { acknowledgedBy: who.sub });
  return requireHelpRequest(ports, id);
};

const resumeAll = async (
  ports: Pick<Ports, 'helpRequests' | 'workflow'>,
  id: string,
  output: Record<string, unknown>,
) => {
  const { closeToken, ackToken, responseToken } = await ports.helpRequests.pendingTokens(id);
  for (const token of [ackToken, responseToken, closeToken])
    if (token) await ports.workflow.resume(token, output);
};

export const listHelpRequests = async (
  ports: Pick<Ports, 'helpRequests'>,
  who: Identity,
  query: ListHelpRequestsQuery,
): Promise<{ helpRequests: HelpRequest[]; next?: string }> => {
  const municipality = municipalityToList(who, query.municipality);
  if (municipality) assertCanReadRequest(who, municipality);
  return ports.helpRequests.list({
    limit: query.limit,
    ...(municipality ? { municipality } : {}),
    ...(query.status ? { status: query.status } : {}),
    ...(query.cursor ? { cursor: query.cursor } : {}),
  });
};
