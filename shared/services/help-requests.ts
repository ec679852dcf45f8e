import {
  assertCanCoordinate,
  assertCanLaunchRequest,
  assertCanReadRequest,
  municipalityToList,
  seesAllMunicipalities,
  seesResponders,
  seesUnreachablePhones,
} from '../domain/access';
import { progressOf } from '../domain/activation';
import type { Alert } from '../domain/alert';
import { auditRequestAct, SYSTEM_ACTOR } from '../domain/audit';
import { Conflict, Forbidden, NotFound } from '../domain/errors';
import { assertExerciseOptions, defaultExerciseProvider } from '../domain/exercise';
import { newHelpRequest } from '../domain/help-request';
import { actsFor, hasRole, type Identity } from '../domain/identity';
import { onSiteStateOf } from '../domain/on-site';
import {
  RESPONSES_PAGE,
  TIMELINE_PAGE,
  timelineForRole,
  UNREACHABLE_PAGE,
  viewForRole,
} from '../domain/request-view';
import type { Ports } from '../ports';
import type { Deployment } from '../schemas/deployment';
import type {
  CreateHelpRequestBody,
  HelpRequest,
  HelpRequestView,
  ListHelpRequestsQuery,
  RequestListPageQuery,
  Responder,
  ResponsePage,
  TimelineEntry,
  TimelinePage,
  UnreachablePage,
  UnreachableVolunteer,
} from '../schemas/help-request';
import type { OutboxPage } from '../schemas/outbox';
import { personBehind } from './people';
import { requireJoined } from './registry';
import { requireHelpRequest } from './require-help-request';
import { requireTrainingProvider } from './training';

export const launchHelpRequest = async (
  ports: Pick<
    Ports,
    | 'municipalities'
    | 'helpRequests'
    | 'dutyRoster'
    | 'trainings'
    | 'workflow'
    | 'metrics'
    | 'timing'
    | 'clock'
    | 'newId'
  >,
  who: Identity,
  body: CreateHelpRequestBody,
): Promise<HelpRequest> => {
  assertExerciseOptions(body);
  const exercise = body.exercise === true;
  assertCanLaunchRequest(who, body.municipality, body.channel, exercise);
  // A municipal-admin runs their own corps' drills without naming themselves a requester.
  const drillsOwnCorps = exercise && actsFor(who, body.municipality, 'municipal-admin');
  if (
    !hasRole(who, 'coordinator') &&
    !drillsOwnCorps &&
    !(await ports.municipalities.requesters(body.municipality)).includes(who.sub)
  ) {
    throw new Forbidden('the municipal-admin has not named this official as a requester');
  }
  const municipality = await requireJoined(ports, body.municipality);
  const trainingProvider = exercise ? await exerciseProvider(ports, body.trainingProvider) : undefined;
  // Nobody would take the request: the coordinator at the phone hears it now; an API launch is kept, and ops alarmed.
  const rosterEmpty = !(await ports.dutyRoster.get());
  if (rosterEmpty && body.channel === 'phone')
    throw new Conflict('the duty roster is empty: put a coordinator on duty before entering a request');
  const request = newHelpRequest({
    id: ports.newId(),
    body: { ...body, ...(trainingProvider ? { trainingProvider } : {}) },
    municipalityName: municipality.name,
    requestedBy: who.sub,
    now: ports.clock.now().toISOString(),
  });
  await ports.helpRequests.create(
    request,
    auditRequestAct(who, 'launched', request.id, request.createdAt, {
      municipality: request.municipality,
      channel: request.channel,
      ...(request.exercise ? { exercise: true, dry: request.dry === true } : {}),
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

/** The provider the exercise credits: the one named, which must exist, else the Red Cross's if one is registered. */
const exerciseProvider = async (
  ports: Pick<Ports, 'trainings'>,
  named: string | undefined,
): Promise<string | undefined> => {
  if (!named) return defaultExerciseProvider(await ports.trainings.listProviders());
  await requireTrainingProvider(ports, named);
  return named;
};

type ViewPorts = Pick<
  Ports,
  'helpRequests' | 'alerts' | 'deployments' | 'adHoc' | 'volunteers' | 'activations'
>;

/**
 * The request as its caller may see it, read from counts and the first page of each list, never from every alert
 * of the request (a Flanders-wide activation has 15,000): the rest of each list is a page away.
 */
export const viewHelpRequest = async (
  ports: ViewPorts,
  who: Identity,
  id: string,
): Promise<HelpRequestView> => {
  const found = await ports.helpRequests.withTallies(id);
  if (!found) throw new NotFound('help request');
  const { request, released } = found;
  assertCanReadRequest(who, request.municipality);
  const [timeline, activations, responses, unreachable, purgeReceipt] = await Promise.all([
    ports.helpRequests.timelinePage(id, TIMELINE_PAGE),
    ports.activations.listForRequest(id),
    seesResponders(who) ? responsePage(ports, id, { limit: RESPONSES_PAGE }) : undefined,
    unreachableList(ports, who, id, { limit: UNREACHABLE_PAGE }),
    request.status === 'closed' ? ports.adHoc.receipt(id) : undefined,
  ]);
  const corpsOf = await corpsOfTimeline(ports, who, id, timeline.entries);
  const { accepted, declined, reserve = 0, alerted } = request.counts;
  return viewForRole(
    who,
    {
      ...request,
      counts: {
        ...request.counts,
        released,
        // Clamped: alerts written by hand (tests, the demo year) carry answers no mobilisation counted in.
        unanswered: Math.max(0, alerted - accepted - declined - reserve - released),
      },
      timeline: timeline.entries,
      ...(timeline.earlier ? { timelineEarlier: timeline.earlier } : {}),
      activations: activations.map(progressOf),
      unreachable: {
        count: unreachable.count,
        volunteers: unreachable.volunteers,
        ...(unreachable.next ? { next: unreachable.next } : {}),
      },
      ...(responses
        ? { responses: responses.responses, ...(responses.next ? { responsesNext: responses.next } : {}) }
        : {}),
      ...(purgeReceipt ? { purgeReceipt } : {}),
    },
    (volunteerId) => corpsOf.get(volunteerId),
    unreachable.own,
  );
};

/** A page of the request's answers, latest first (coordinator and crisis centre). */
export const listResponses = async (
  ports: Pick<Ports, 'helpRequests' | 'alerts' | 'deployments' | 'adHoc' | 'volunteers'>,
  who: Identity,
  id: string,
  query: RequestListPageQuery,
): Promise<ResponsePage> => {
  const request = await requireHelpRequest(ports, id);
  assertCanReadRequest(who, request.municipality);
  if (!seesResponders(who)) throw new Forbidden('only the coordination sees who answered');
  return responsePage(ports, id, query);
};

/** A page of the request's timeline before `cursor`, oldest first, as the caller's role may see it. */
export const listTimeline = async (
  ports: Pick<Ports, 'helpRequests' | 'alerts'>,
  who: Identity,
  id: string,
  query: RequestListPageQuery,
): Promise<TimelinePage> => {
  const request = await requireHelpRequest(ports, id);
  assertCanReadRequest(who, request.municipality);
  const page = await ports.helpRequests.timelinePage(id, query.limit, query.cursor);
  const corpsOf = await corpsOfTimeline(ports, who, id, page.entries);
  return { ...page, entries: timelineForRole(who, page.entries, (v) => corpsOf.get(v)) };
};

/**
 * A page of the SMS a dry exercise kept instead of sending, oldest first, for whoever may read the request: what the
 * drill would have sent, and to whom, with every phone number masked. A request that is no dry exercise has none.
 */
export const listOutbox = async (
  ports: Pick<Ports, 'helpRequests' | 'smsLedger'>,
  who: Identity,
  id: string,
  query: RequestListPageQuery,
): Promise<OutboxPage> => {
  const request = await requireHelpRequest(ports, id);
  assertCanReadRequest(who, request.municipality);
  return ports.smsLedger.outboxPage(id, query.limit, query.cursor);
};

/** A page of the request's unreachable volunteers by corps: a municipal role's own corps only, phones for the coordinator. */
export const listUnreachable = async (
  ports: Pick<Ports, 'helpRequests' | 'alerts' | 'adHoc' | 'volunteers'>,
  who: Identity,
  id: string,
  query: RequestListPageQuery,
): Promise<UnreachablePage> => {
  const request = await requireHelpRequest(ports, id);
  assertCanReadRequest(who, request.municipality);
  const page = await unreachablePage(ports, who, id, query);
  return { volunteers: page.volunteers, ...(page.next ? { next: page.next } : {}) };
};

const responsePage = async (
  ports: Pick<Ports, 'alerts' | 'deployments' | 'adHoc' | 'volunteers'>,
  id: string,
  query: RequestListPageQuery,
): Promise<ResponsePage> => {
  const [page, deployments] = await Promise.all([
    ports.alerts.answeredPage(id, query.limit, query.cursor),
    // Who is on site goes with who answered: one query over the request's deployments.
    ports.deployments.listForRequest(id),
  ]);
  const responses = await responders(ports, page.alerts, deployments);
  return { responses, ...(page.next ? { next: page.next } : {}) };
};

/** The municipality of each volunteer a municipal role's timeline page names, to keep other corps' ids out. */
const corpsOfTimeline = async (
  ports: Pick<Ports, 'alerts'>,
  who: Identity,
  id: string,
  entries: TimelineEntry[],
): Promise<Map<string, string>> => {
  if (seesAllMunicipalities(who)) return new Map();
  const named = entries.flatMap((e) => (typeof e.volunteerId === 'string' ? [e.volunteerId] : []));
  const alerts = named.length ? await ports.alerts.forVolunteers(id, named) : [];
  return new Map(alerts.map((a) => [a.volunteerId, a.municipality]));
};

/**
 * Every answer of the page with the volunteer's name and note and where they stand on site; the answers of an
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
  return answered.flatMap((alert, i) => {
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
  });
};

/**
 * The unreachable volunteers the caller's view lists, with how many there are: all of them, and for a municipal
 * role how many are its own (the others are counted, never listed).
 */
const unreachableList = async (
  ports: Pick<Ports, 'alerts' | 'adHoc' | 'volunteers'>,
  who: Identity,
  id: string,
  query: RequestListPageQuery,
): Promise<{ count: number; own?: number; volunteers: UnreachableVolunteer[]; next?: string }> => {
  const own = ownCorps(who);
  const [page, count, ownCount] = await Promise.all([
    unreachablePage(ports, who, id, query),
    ports.alerts.missedCount(id),
    own ? ports.alerts.missedCount(id, own) : undefined,
  ]);
  return { ...page, count, ...(ownCount === undefined ? {} : { own: ownCount }) };
};

/** The corps a municipal role sees unreachable volunteers of; undefined for the coordination, who sees all. */
const ownCorps = (who: Identity): string | undefined =>
  seesAllMunicipalities(who) ? undefined : (who.municipality ?? '-');

/**
 * Volunteers whose alert failed to deliver for good or expired undelivered, with their name and phone for the
 * coordinator's call (`viewForRole` and `seesUnreachablePhones` keep the phone from everyone else); an erased or
 * purged person has neither any more.
 */
const unreachablePage = async (
  ports: Pick<Ports, 'alerts' | 'adHoc' | 'volunteers'>,
  who: Identity,
  id: string,
  query: RequestListPageQuery,
): Promise<{ volunteers: UnreachableVolunteer[]; next?: string }> => {
  const page = await ports.alerts.missedPage(id, { municipality: ownCorps(who), ...query });
  const volunteers = await Promise.all(
    page.alerts.map(async (alert): Promise<UnreachableVolunteer> => {
      const person = await personBehind(ports, alert);
      return {
        volunteerId: alert.volunteerId,
        ...(person
          ? { name: person.name, ...(seesUnreachablePhones(who) ? { phone: person.phone } : {}) }
          : {}),
        municipality: alert.municipality,
        failedAt: alert.failedAt ?? alert.createdAt,
        reason: alert.failureReason ?? 'delivery failed',
        ...(alert.smsStatus === 'expired' ? { expired: true as const } : {}),
      };
    }),
  );
  return { volunteers, ...(page.next ? { next: page.next } : {}) };
};

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
