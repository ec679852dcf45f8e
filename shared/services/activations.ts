import { assertCanActivate } from '../domain/access';
import { declaredPhaseOf } from '../domain/activation';
import { auditRequestAct } from '../domain/audit';
import { Conflict, NotFound, RuleViolation } from '../domain/errors';
import type { Identity } from '../domain/identity';
import type { Ports } from '../ports';
import {
  allMunicipalities,
  municipalitiesOfProvince,
  officialMunicipality,
} from '../reference/municipalities';
import type {
  Activation,
  ActivationBody,
  ActivationResult,
  MunicipalityOutcome,
} from '../schemas/activation';
import { type AlertingPorts, alertAndQueue, eligibleMembers } from './mobilisation';
import { requireOpenHelpRequest } from './require-help-request';

/** The corps an activation names that are not in the request's scope yet. */
const corpsToAdd = async (
  ports: Pick<Ports, 'municipalities'>,
  request: { municipality: string; scope: string[] },
  body: ActivationBody,
): Promise<string[]> => {
  const unknown =
    body.scope === 'municipalities' ? body.municipalities.filter((nis) => !officialMunicipality(nis)) : [];
  if (unknown.length)
    throw new RuleViolation('unknown-municipality', `not on the 2025 list: ${unknown.join(', ')}`);
  const targets =
    body.scope === 'neighbours'
      ? await ports.municipalities.neighbours(request.municipality)
      : body.scope === 'municipalities'
        ? body.municipalities
        : body.scope === 'province'
          ? municipalitiesOfProvince(officialMunicipality(request.municipality)!.province)
          : allMunicipalities();
  return [...new Set(targets)].filter((nis) => !request.scope.includes(nis));
};

/**
 * Widening by hand: adds the chosen corps to the scope and records the activation in the same transaction, then
 * starts its execution, which mobilises each corps on its own; the call answers before any SMS. Every activation
 * of the request not finished yet is started again (a repeat is harmless), so a start that failed after the widening
 * is made good by the client's retry.
 */
export const activate = async (
  ports: Pick<
    Ports,
    'municipalities' | 'helpRequests' | 'activations' | 'activationWorkflow' | 'clock' | 'newId'
  >,
  who: Identity,
  id: string,
  body: ActivationBody,
): Promise<ActivationResult> => {
  assertCanActivate(who, body.scope);
  const phaseReference = declaredPhaseOf(body);
  const request = await requireOpenHelpRequest(ports, id);
  const added = await corpsToAdd(ports, request, body);
  const now = ports.clock.now().toISOString();
  const audit = auditRequestAct(who, 'activated', id, now, {
    scope: body.scope,
    added,
    ...(phaseReference ? { phaseReference } : {}),
  });
  const activation: Activation | undefined = added.length
    ? {
        id: ports.newId(),
        requestId: id,
        scope: body.scope,
        ...(phaseReference ? { phaseReference } : {}),
        municipalities: added,
        alerted: 0,
        startedAt: now,
      }
    : undefined;
  if (!activation) await ports.helpRequests.auditWhileOpen(id, audit);
  else if (
    !(await ports.helpRequests.widenScope(request, added, now, body.scope, audit, [
      ports.activations.recordItem(activation),
    ]))
  ) {
    throw new Conflict('the scope changed meanwhile; try again');
  }
  for (const unfinished of (await ports.activations.listForRequest(id)).filter((a) => !a.finishedAt)) {
    await ports.activationWorkflow.start({
      requestId: id,
      activationId: unfinished.id,
      municipalities: unfinished.municipalities,
    });
  }
  return {
    ...(activation ? { activationId: activation.id } : {}),
    scope: [...request.scope, ...added],
    added,
  };
};

/**
 * One corps of an activation: alerts every eligible member not alerted for the request yet, then counts the corps
 * in, once. It reads only this corps' roster (and on a retry its members' alerts), never the request's every alert,
 * so 285 of them run side by side. Safe to run again: alerts on record are kept and their unsent SMS queued again.
 */
export const mobiliseMunicipality = async (
  ports: AlertingPorts & Pick<Ports, 'volunteers' | 'activations' | 'clock'>,
  input: { requestId: string; activationId: string; municipality: string },
): Promise<{ municipality: string; alerted: number }> => {
  const { requestId, activationId, municipality } = input;
  // The item alone: a corps needs the request's needs and acceptances, not its totals (285 steps read it).
  const request = await ports.helpRequests.getUncounted(requestId);
  if (!request) throw new NotFound('help request');
  let alerted = 0;
  if (request.status !== 'closed') {
    // The first corps marks the request mobilising; the others read that it is.
    if (request.status === 'requested') await ports.helpRequests.markMobilising(requestId);
    const volunteers = await ports.volunteers.listByMunicipality(municipality);
    // Only this step writes its members' alerts for the request (a member never changes corps; the lifecycle
    // leaves the corps alone), so on its first run none exists; a retry reads which do.
    const firstRun = await ports.activations.startCorps(requestId, activationId, municipality);
    const existing = firstRun
      ? []
      : await ports.alerts.forVolunteers(
          requestId,
          volunteers.map((v) => v.id),
        );
    const clock = ports.clock.now();
    const { eligible } = eligibleMembers(request, volunteers, existing, clock);
    const created = await alertAndQueue(ports, request, {
      volunteers,
      existing,
      chosen: eligible,
      now: clock.toISOString(),
      // Each corps of an activation has one step, and the lifecycle leaves activated corps alone.
      activationId,
    });
    alerted = existing.length + created;
  }
  await ports.activations.countMunicipality(requestId, activationId, municipality, alerted);
  return { municipality, alerted };
};

/**
 * Every corps tried: the activation is finished (naming the corps that failed after their retries, and counting on
 * the request the alerts they wrote before they failed), and the timeline told once. A failed corps is counted as an
 * alarm.
 */
export const finishActivation = async (
  ports: Pick<Ports, 'helpRequests' | 'volunteers' | 'alerts' | 'activations' | 'metrics' | 'clock'>,
  input: { requestId: string; activationId: string; outcomes: MunicipalityOutcome[] },
): Promise<{ failed: string[] }> => {
  const { requestId, activationId, outcomes } = input;
  const failed = outcomes.flatMap((o) => ('failed' in o ? [o.municipality] : []));
  const now = ports.clock.now().toISOString();
  // A failed corps was never counted in: what its step wrote before it failed is counted with the finish, once.
  const activation = (await ports.activations.listForRequest(requestId)).find((a) => a.id === activationId);
  const uncounted = failed.filter((nis) => !activation?.done?.has(nis));
  let written = 0;
  for (const nis of uncounted) {
    const members = await ports.volunteers.listByMunicipality(nis);
    const alerts = await ports.alerts.forVolunteers(
      requestId,
      members.map((v) => v.id),
    );
    written += alerts.filter((a) => a.activationId === activationId).length;
  }
  if (await ports.activations.finish(requestId, activationId, failed, now, written)) {
    await ports.helpRequests.appendTimeline(requestId, {
      at: now,
      type: 'activation-finished',
      activationId,
      municipalities: outcomes.length,
      failed,
    });
    if (failed.length) ports.metrics.add('ActivationCorpsFailed', failed.length);
  }
  return { failed };
};
