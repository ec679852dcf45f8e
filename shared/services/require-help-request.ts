import { Conflict, NotFound } from '../domain/errors';
import type { Ports } from '../ports';
import type { HelpRequest } from '../schemas/help-request';

/**
 * The help request, or NotFound: the API's 404, and for a workflow step a failure its retry policy handles like any
 * other.
 */
export const requireHelpRequest = async (
  ports: Pick<Ports, 'helpRequests'>,
  id: string,
): Promise<HelpRequest> => {
  const request = await ports.helpRequests.get(id);
  if (!request) throw new NotFound('help request');
  return request;
};

/** The help request while it is open: NotFound when there is none, Conflict once it is closed. */
export const requireOpenHelpRequest = async (
  ports: Pick<Ports, 'helpRequests'>,
  id: string,
): Promise<HelpRequest> => {
  const request = await requireHelpRequest(ports, id);
  if (request.status === 'closed') throw new Conflict('the help request is closed');
  return request;
};
