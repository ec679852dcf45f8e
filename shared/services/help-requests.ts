import { assertCanCoordinate, assertCanLaunchRequest, assertCanReadRequest } from '../domain/access';
import { Conflict, Forbidden, NotFound, RuleViolation } from '../domain/errors';
import { newHelpRequest } from '../domain/help-request';
import { hasRole, type Identity } from '../domain/identity';
import type { Ports } from '../ports';
import type {
  CreateHelpRequestBody,
  HelpRequest,
  ListHelpRequestsQuery,
  TimelineEntry,
} from '../schemas/help-request';

export const launchHelpRequest = async (
  ports: Ports,
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
  const municipality = await ports.municipalities.get(body.municipality);
  if (!municipality) {
    throw new RuleViolation(
      'municipality-not-joined',
      `municipality ${body.municipality} has not joined the tool`,
    );
  }
  const request = newHelpRequest({
    id: ports.newId(),
    body,
    municipalityName: municipality.name,
    requestedBy: who.sub,
    now: ports.clock.now().toISOString(),
  });
  await ports.helpRequests.create(request);
  try {
    await ports.workflow.start({ requestId: request.id, timing: ports.timing });
  } catch (error) {
    // Without an execution nobody would ever be alerted: take the request back so the client's retry starts clean.
    await ports.helpRequests.remove(request.id);
    throw error;
  }
  return request;
};

export const viewHelpRequest = async (
  ports: Ports,
  who: Identity,
  id: string,
): Promise<HelpRequest & { timeline: TimelineEntry[] }> => {
  const request = await ports.helpRequests.get(id);
  if (!request) throw new NotFound('help request');
  assertCanReadRequest(who, request.municipality);
  return { ...request, timeline: await ports.helpRequests.timeline(id) };
};

/** Marks the request closed (once), then lets the lifecycle go on to the stand-down if it is waiting for this. */
export const closeHelpRequest = async (ports: Ports, who: Identity, id: string): Promise<HelpRequest> => {
  assertCanCoordinate(who);
  try {
    const { closeToken } = await ports.helpRequests.close(id, who.sub, ports.clock.now().toISOString());
    if (closeToken) await ports.workflow.resume(closeToken, { closedBy: who.sub });
  } catch (error) {
    // A close that crashed before resuming leaves the lifecycle waiting: a retry resumes it, then reports the conflict.
    const pending = error instanceof Conflict ? await ports.helpRequests.closeToken(id) : undefined;
    if (pending) await ports.workflow.resume(pending, { closedBy: who.sub });
    throw error;
  }
  const closed = await ports.helpRequests.get(id);
  if (!closed) throw new NotFound('help request');
  return closed;
};

export const listHelpRequests = async (
  ports: Ports,
  who: Identity,
  query: ListHelpRequestsQuery,
): Promise<{ helpRequests: HelpRequest[]; next?: string }> => {
  assertCanReadRequest(who, query.municipality);
  return ports.helpRequests.listByMunicipality(query.municipality, {
    limit: query.limit,
    ...(query.status ? { status: query.status } : {}),
    ...(query.cursor ? { cursor: query.cursor } : {}),
  });
};
