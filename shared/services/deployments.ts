import { assertCanCoordinate } from '../domain/access';
import { type AuditDetails, auditRequestAct, SYSTEM_ACTOR } from '../domain/audit';
import { belgianDate } from '../domain/dates';
import { Conflict, RuleViolation } from '../domain/errors';
import type { Identity } from '../domain/identity';
import type { Ports } from '../ports';
import type { Deployment } from '../schemas/deployment';
import { requireOpenHelpRequest } from './require-help-request';
import { creditExercise } from './training';

type DeploymentPorts = Pick<
  Ports,
  | 'helpRequests'
  | 'alerts'
  | 'deployments'
  | 'trainings'
  | 'volunteers'
  | 'municipalities'
  | 'clock'
  | 'newId'
>;

/** A coordinator checks a volunteer in or out on a help request. */
type CoordinatorAct = (
  ports: DeploymentPorts,
  who: Identity,
  requestId: string,
  volunteerId: string,
) => Promise<Deployment>;

/** Who went on site, as the audit keeps it: a member by id; a spontaneous volunteer's id goes with the purge. */
const onSiteDetails = (volunteerId: string, spontaneous: boolean | undefined): AuditDetails =>
  spontaneous ? { spontaneous: true } : { volunteerId };

/**
 * On site, and so insured: only a volunteer who said yes to this request's alert can be checked in, a reserve too
 * (the coordinator calls them in when someone does not turn up, or more hands are needed after all). On a drill a
 * member is credited with the yearly simulation exercise; a check-in retried after that credit failed credits them.
 */
export const checkIn: CoordinatorAct = async (ports, who, requestId, volunteerId) => {
  assertCanCoordinate(who);
  const request = await requireOpenHelpRequest(ports, requestId);
  const alert = await ports.alerts.get(requestId, volunteerId);
  if (alert?.response !== 'accepted' && alert?.response !== 'reserve') {
    throw new RuleViolation(
      'not-accepted',
      'only a volunteer who accepted this help request can be checked in',
    );
  }
  const now = ports.clock.now().toISOString();
  const credit = async () => {
    if (request.exercise && request.trainingProvider && !alert.spontaneous)
      await creditExercise(ports, who, volunteerId, {
        requestId,
        providerId: request.trainingProvider,
        date: belgianDate(new Date(now)),
      });
  };
  let deployment: Deployment;
  try {
    deployment = await ports.deployments.checkIn(
      requestId,
      volunteerId,
      now,
      who.sub,
      {
        municipality: request.municipality,
        spontaneous: alert.spontaneous === true,
        exercise: request.exercise === true,
      },
      auditRequestAct(who, 'checked-in', requestId, now, onSiteDetails(volunteerId, alert.spontaneous)),
    );
  } catch (error) {
    if (error instanceof Conflict && (await ports.deployments.get(requestId, volunteerId))?.onSiteSince)
      await credit();
    throw error;
  }
  await credit();
  return deployment;
};

export const checkOut: CoordinatorAct = async (ports, who, requestId, volunteerId) => {
  assertCanCoordinate(who);
  const deployment = await ports.deployments.get(requestId, volunteerId);
  if (!deployment?.onSiteSince) throw new Conflict('the volunteer is not checked in on this help request');
  const now = ports.clock.now().toISOString();
  return ports.deployments.checkOut(
    deployment,
    now,
    who.sub,
    auditRequestAct(who, 'checked-out', requestId, now, onSiteDetails(volunteerId, deployment.spontaneous)),
  );
};

/** At the close every coverage period still open ends: the hours are recorded, the insurance window closes. */
export const checkOutEveryone = async (
  ports: Pick<Ports, 'deployments' | 'clock'>,
  requestId: string,
): Promise<number> => {
  const onSite = (await ports.deployments.listForRequest(requestId)).filter((d) => d.onSiteSince);
  for (const deployment of onSite) {
    const now = ports.clock.now().toISOString();
    await ports.deployments.checkOut(
      deployment,
      now,
      'close',
      auditRequestAct(SYSTEM_ACTOR, 'checked-out', requestId, now, {
        ...onSiteDetails(deployment.volunteerId, deployment.spontaneous),
        reason: 'close',
      }),
    );
  }
  return onSite.length;
};
