import type { ActivationBody } from '../schemas/activation';
import { RuleViolation } from './errors';

/**
 * The declared phase a province- or Flanders-wide activation rests on (the governor's or the crisis centre's
 * decision): required there, so the audit trail can name it; other scopes need none and keep none.
 */
export const declaredPhaseOf = (body: ActivationBody): string | undefined => {
  if (body.scope !== 'province' && body.scope !== 'flanders') return undefined;
  if (!body.phaseReference) {
    throw new RuleViolation(
      'declared-phase-required',
      'a province- or Flanders-wide activation names the declared phase it rests on (phaseReference)',
    );
  }
  return body.phaseReference;
};
