import { describe, expect, it } from 'vitest';
import {
  assertCanAccessVolunteer,
  assertCanActivate,
  assertCanCoordinate,
  assertCanLaunchRequest,
  assertCanManageMunicipalities,
  assertCanNameRequesters,
  assertCanReadMunicipality,
  assertCanReadRequest,
  assertCanReadRoster,
  assertCanRecordTraining,
  assertCanRegisterVolunteer,
  assertMayLaunchRequests,
  mayActivate,
} from '../../../../shared/domain/access';
import { ACTIVATION_SCOPES } from '../../../../shared/domain/activation';
import { Forbidden, NotFound } from '../../../../shared/domain/errors';
import type { Identity } from '../../../../shared/domain/identity';
import { anIdentity } from '../../../builders/identity';

const OWN = '44021';
const OTHER = '11002';

const callers = {
  'requester of own': anIdentity(['requester'], OWN),
  'requester of other': anIdentity(['requester'], OTHER),
  'municipal-admin of own': anIdentity(['municipal-admin'], OWN),
  'municipal-admin of other': anIdentity(['municipal-admin'], OTHER),
  coordinator: anIdentity(['coordinator']),
  'crisis-centre': anIdentity(['crisis-centre']),
  'volunteer of own': { ...anIdentity(['volunteer'], OWN), volunteerId: '01JZ0000000000000000000001' },
  ops: anIdentity(['ops']),
  'no role': anIdentity([]),
} satisfies Record<string, Identity>;
type Caller = keyof typeof callers;

type Outcome = 'pass' | 'Forbidden' | 'NotFound';

const outcomeOf = (check: () => void): Outcome => {
  try {
    check();
    return 'pass';
  } catch (error) {
    if (error instanceof NotFound) return 'NotFound';
    if (error instanceof Forbidden) return 'Forbidden';
    throw error;
  }
};

/** Every caller against one rule; callers not listed must get `otherwise`. */
const matrix = (
  rule: string,
  check: (who: Identity) => void,
  expected: Partial<Record<Caller, Outcome>>,
  otherwise: Outcome,
) =>
  (Object.keys(callers) as Caller[]).map((caller) => ({
    rule,
    caller,
    check,
    outcome: expected[caller] ?? otherwise,
  }));

const rows = [
  ...matrix('manage municipalities', assertCanManageMunicipalities, { coordinator: 'pass' }, 'Forbidden'),
  ...matrix(
    'read municipality 44021',
    (who) => assertCanReadMunicipality(who, OWN),
    { coordinator: 'pass', 'requester of own': 'pass', 'municipal-admin of own': 'pass' },
    'NotFound',
  ),
  ...matrix(
    'register a volunteer in 44021',
    (who) => assertCanRegisterVolunteer(who, OWN),
    { coordinator: 'pass', 'municipal-admin of own': 'pass', 'municipal-admin of other': 'NotFound' },
    'Forbidden',
  ),
  ...matrix(
    'launch a request for 44021 through the API',
    (who) => assertCanLaunchRequest(who, OWN, 'api'),
    { 'requester of own': 'pass' },
    'Forbidden',
  ),
  ...matrix(
    'launch a request for 44021 taken by phone',
    (who) => assertCanLaunchRequest(who, OWN, 'phone'),
    { coordinator: 'pass' },
    'Forbidden',
  ),
  ...matrix(
    'launch an exercise for 44021 through the API',
    (who) => assertCanLaunchRequest(who, OWN, 'api', true),
    { coordinator: 'pass', 'requester of own': 'pass', 'municipal-admin of own': 'pass' },
    'Forbidden',
  ),
  ...matrix(
    'launch an exercise for 44021 taken by phone',
    (who) => assertCanLaunchRequest(who, OWN, 'phone', true),
    { coordinator: 'pass' },
    'Forbidden',
  ),
  ...matrix(
    'read a request of 44021',
    (who) => assertCanReadRequest(who, OWN),
    {
      coordinator: 'pass',
      'crisis-centre': 'pass',
      'requester of own': 'pass',
      'municipal-admin of own': 'pass',
    },
    'NotFound',
  ),
  ...matrix('coordinate', assertCanCoordinate, { coordinator: 'pass' }, 'Forbidden'),
  ...matrix(
    'read or change volunteer 01JZ…01 of 44021',
    (who) => assertCanAccessVolunteer(who, { id: '01JZ0000000000000000000001', municipality: OWN }),
    { coordinator: 'pass', 'municipal-admin of own': 'pass', 'volunteer of own': 'pass' },
    'NotFound',
  ),
  ...matrix(
    'record a course for volunteer 01JZ…01 of 44021',
    (who) => assertCanRecordTraining(who, { id: '01JZ0000000000000000000001', municipality: OWN }),
    { coordinator: 'pass', 'municipal-admin of own': 'pass', 'volunteer of own': 'Forbidden' },
    'NotFound',
  ),
  ...matrix(
    'name the requesters of 44021',
    (who) => assertCanNameRequesters(who, OWN),
    { 'municipal-admin of own': 'pass', 'municipal-admin of other': 'NotFound' },
    'Forbidden',
  ),
  ...matrix(
    'read the roster of 44021',
    (who) => assertCanReadRoster(who, OWN),
    { coordinator: 'pass', 'municipal-admin of own': 'pass', 'municipal-admin of other': 'NotFound' },
    'Forbidden',
  ),
  ...matrix(
    'widen to the neighbours',
    (who) => assertCanActivate(who, 'neighbours'),
    { coordinator: 'pass' },
    'Forbidden',
  ),
  ...matrix(
    'widen to named municipalities',
    (who) => assertCanActivate(who, 'municipalities'),
    { coordinator: 'pass' },
    'Forbidden',
  ),
  ...matrix(
    'activate a province',
    (who) => assertCanActivate(who, 'province'),
    { coordinator: 'pass', 'crisis-centre': 'pass' },
    'Forbidden',
  ),
  ...matrix(
    'activate Flanders',
    (who) => assertCanActivate(who, 'flanders'),
    { coordinator: 'pass', 'crisis-centre': 'pass' },
    'Forbidden',
  ),
  ...matrix(
    'launch requests at all',
    assertMayLaunchRequests,
    {
      coordinator: 'pass',
      'requester of own': 'pass',
      'requester of other': 'pass',
      // Exercises only, which the body says: assertCanLaunchRequest decides.
      'municipal-admin of own': 'pass',
      'municipal-admin of other': 'pass',
    },
    'Forbidden',
  ),
];

describe('access rules', () => {
  it.each(rows)('$rule: $caller gets $outcome', ({ check, caller, outcome }) => {
    expect(outcomeOf(() => check(callers[caller]))).toBe(outcome);
  });

  it('offers each role the activations it may make, narrowest first (the console shows no other)', () => {
    const scopesOf = (who: Identity) => ACTIVATION_SCOPES.filter((scope) => mayActivate(who, scope));
    expect(scopesOf(callers.coordinator)).toEqual(['neighbours', 'municipalities', 'province', 'flanders']);
    expect(scopesOf(callers['crisis-centre'])).toEqual(['province', 'flanders']);
    expect(scopesOf(callers['municipal-admin of own'])).toEqual([]);
  });

  it('lets a caller with several roles pass on the strongest one', () => {
    const both = anIdentity(['requester', 'municipal-admin'], OWN);
    expect(outcomeOf(() => assertCanRegisterVolunteer(both, OWN))).toBe('pass');
    expect(outcomeOf(() => assertCanLaunchRequest(both, OWN, 'api'))).toBe('pass');
  });

  it('answers NotFound, not Forbidden, when a municipal role reads another municipality, so ids cannot be probed', () => {
    const message = (() => {
      try {
        assertCanReadRequest(callers['requester of other'], OWN);
      } catch (error) {
        return (error as Error).message;
      }
    })();
    expect(message).toBe('help request not found');
  });

  it('explains to a coordinator that the API channel is for requesters', () => {
    expect(() => assertCanLaunchRequest(callers.coordinator, OWN, 'api')).toThrow(/phone/);
  });

  it('explains to a requester of another municipality that they launch for their own only', () => {
    expect(() => assertCanLaunchRequest(callers['requester of other'], OWN, 'api')).toThrow(
      /own municipality/,
    );
  });
});
