import { mayActivate } from '../../../shared/domain/access';
import {
  ACTIVATION_SCOPES,
  type ActivationScope,
  restsOnDeclaredPhase,
} from '../../../shared/domain/activation';
import type { Identity } from '../../../shared/domain/identity';
import {
  allMunicipalities,
  municipalitiesOfProvince,
  officialMunicipality,
} from '../../../shared/reference/municipalities';
import type { ApiError } from '../api/client';
import type { components } from '../api/schema';

type ActivationBody = components['schemas']['ActivationBody'];

/** The activations the signed-in role may make, narrowest first: the dialog offers no other. */
export const activationScopesOf = (who: Identity): ActivationScope[] =>
  ACTIVATION_SCOPES.filter((scope) => mayActivate(who, scope));

/** The province a request's municipality belongs to, as the official list names it (in Dutch). */
export const provinceOf = (nis: string): string | undefined => officialMunicipality(nis)?.province;

/**
 * The corps an activation would add to the request's scope, for the confirmation to say how many; undefined for the
 * neighbours, which only the API knows.
 */
export const corpsAdded = (
  scope: ActivationScope,
  request: { municipality: string; scope: readonly string[] },
  chosen: readonly string[],
): string[] | undefined => {
  if (scope === 'neighbours') return undefined;
  const targets =
    scope === 'municipalities'
      ? chosen
      : scope === 'province'
        ? municipalitiesOfProvince(provinceOf(request.municipality) ?? '')
        : allMunicipalities();
  return [...new Set(targets)].filter((nis) => !request.scope.includes(nis));
};

/** The body the API takes: the chosen corps for named municipalities, the declared phase where one is needed. */
export const activationBody = (
  scope: ActivationScope,
  chosen: readonly string[],
  phaseReference: string,
): ActivationBody => {
  if (scope === 'municipalities') return { scope, municipalities: [...chosen] };
  const phase = phaseReference.trim();
  return restsOnDeclaredPhase(scope) && phase ? { scope, phaseReference: phase } : { scope };
};

export type ActivationField = 'phaseReference' | 'municipalities';
export type ActivationProblem =
  | 'phaseRequired'
  | 'phaseInvalid'
  | 'municipalitiesCount'
  | 'unknownMunicipality';

/**
 * The API's refusal of an activation, per field of the dialog, so each error shows next to what caused it in the
 * page's language; empty when the refusal is about no field (a closed request, a role), which the dialog says whole.
 */
export const activationProblems = (error: unknown): Partial<Record<ActivationField, ActivationProblem>> => {
  const answer = (error ?? {}) as ApiError;
  if (answer.rule === 'declared-phase-required') return { phaseReference: 'phaseRequired' };
  if (answer.rule === 'unknown-municipality') return { municipalities: 'unknownMunicipality' };
  const problems: Partial<Record<ActivationField, ActivationProblem>> = {};
  for (const { path } of answer.issues ?? []) {
    if (path.startsWith('phaseReference')) problems.phaseReference = 'phaseInvalid';
    if (path.startsWith('municipalities')) problems.municipalities = 'municipalitiesCount';
  }
  return problems;
};
