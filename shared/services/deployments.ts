import { assertCanCoordinate } from '../domain/access';
import { Conflict, NotFound, RuleViolation } from '../domain/errors';
import type { Identity } from '../domain/identity';
import type { Ports } from '../ports';
import type { Deployment } from '../schemas/deployment';

type DeploymentPorts = Pick<Ports, 'helpRequests' | 'alerts' | 'deployments' | 'clock'>;

/**
 * On site, and so insured: only a volunteer who said yes to this request's alert can be checked in, a reserve too
 * (the coordinator calls them in when someone does not turn up, or more hands are needed after all).
 */
export const checkIn = async (
  ports: DeploymentPorts,
  who: Identity,
  requestId: string,
  volunteerId: string,
): Promise<Deployment> => {
  assertCanCoordinate(who);
  const request = await ports.helpRequests.get(requestId);
  if (!request) throw new NotFound('help request');
  if (request.status === 'closed') throw new Conflict('the help request is closed');
  const alert = await ports.alerts.get(requestId, volunteerId);
  if (alert?.response !== 'accepted' && alert?.response !== 'reserve') {
    throw new RuleViolation(
      'not-accepted',
      'only a volunteer who accepted this help request can be checked in',
    );
  }
  return ports.deployments.checkIn(requestId, volunteerId, ports.clock.now().toISOString(), who.sub, {
    municipality: request.municipality,
    spontaneous: alert.spontaneous === true,
  });
};

export const checkOut = async (
  ports: DeploymentPorts,
  who: Identity,
  requestId: string,
  volunteerId: string,
): Promise<Deployment> => {
  assertCanCoordinate(who);
  const deployment = await ports.deployments.get(requestId, volunteerId);
  if (!deployment?.onSiteSince) throw new Conflict('the volunteer is not checked in on this help request');
  return ports.deployments.checkOut(deployment, ports.clock.now().toISOString(), who.sub);
};

/** At the close every coverage period still open ends: the hours are recorded, the insurance window closes. */
export const checkOutEveryone = async (
  ports: Pick<Ports, 'deployments' | 'clock'>,
  requestId: string,
): Promise<number> => {
  const onSite = (await ports.deployments.listForRequest(requestId)).filter((d) => d.onSiteSince);
  for (const deployment of onSite) {
    await ports.deployments.checkOut(deployment, ports.clock.now().toISOString(), 'close');
  }
  return onSite.length;
};
