import type { Activation, ActivationBody, ActivationProgress } from '../schemas/activation';
import { RuleViolation } from './errors';

/** How far a help request is widened by hand, narrowest first. */
export const ACTIVATION_SCOPES = ['neighbours', 'municipalities', 'province', 'flanders'] as const;
export type ActivationScope = (typeof ACTIVATION_SCOPES)[number];

/** Province- and Flanders-wide activations follow a declared phase (the governor's or the crisis centre's decision). */
export const restsOnDeclaredPhase = (scope: ActivationScope): boolean =>
  scope === 'province' || scope === 'flanders';

/**
 * The declared phase a province- or Flanders-wide activation rests on (the governor's or the crisis centre's
 * decision): required there, so the audit trail can name it; other scopes need none and keep none.
 */
export const declaredPhaseOf = (body: ActivationBody): string | undefined => {
  if (!restsOnDeclaredPhase(body.scope)) return undefined;
  if (!body.phaseReference) {
    throw new RuleViolation(
      'declared-phase-required',
      'a province- or Flanders-wide activation names the declared phase it rests on (phaseReference)',
    );
  }
  return body.phaseReference;
};

/** How far an activation got, as the request shows it: counts only. */
export const progressOf = (activation: Activation): ActivationProgress => {
  const failed = activation.failed ?? [];
  return {
    id: activation.id,
    scope: activation.scope,
    ...(activation.phaseReference ? { phaseReference: activation.phaseReference } : {}),
    status: !activation.finishedAt ? 'running' : failed.length ? 'partial' : 'done',
    municipalities: { total: activation.municipalities.length, done: activation.done?.size ?? 0, failed },
    alerted: activation.alerted,
    startedAt: activation.startedAt,
    ...(activation.finishedAt ? { finishedAt: activation.finishedAt } : {}),
  };
};
