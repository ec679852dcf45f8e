import { describe, expect, it } from 'vitest';
import {
  activationBody,
  activationProblems,
  activationScopesOf,
  corpsAdded,
} from '../../../web/src/console/activation';
import { anIdentity } from '../../builders/identity';

const GENT = '44021';
const AALST = '41002';
const HASSELT = '71072';
const request = { municipality: GENT, scope: [GENT, AALST] };

describe("the console's activation dialog", () => {
  it('offers the coordinator every scope and the crisis centre the province and Flanders only', () => {
    expect(activationScopesOf(anIdentity(['coordinator']))).toEqual([
      'neighbours',
      'municipalities',
      'province',
      'flanders',
    ]);
    expect(activationScopesOf(anIdentity(['crisis-centre']))).toEqual(['province', 'flanders']);
    expect(activationScopesOf(anIdentity(['requester'], GENT))).toEqual([]);
  });

  it('counts the corps an activation adds, leaving out those already in the scope', () => {
    // Oost-Vlaanderen has 55 municipalities, Flanders 285; Gent and Aalst are called out already.
    expect(corpsAdded('province', request, [])).toHaveLength(53);
    expect(corpsAdded('province', request, [])).not.toContain(AALST);
    expect(corpsAdded('flanders', request, [])).toHaveLength(283);
    expect(corpsAdded('municipalities', request, [AALST, HASSELT, HASSELT])).toEqual([HASSELT]);
    expect(corpsAdded('neighbours', request, [])).toBeUndefined();
  });

  it('sends the declared phase only where it is needed, trimmed, and the named corps only for municipalities', () => {
    expect(activationBody('province', [HASSELT], '  GOUV-OVL-2026-03 ')).toEqual({
      scope: 'province',
      phaseReference: 'GOUV-OVL-2026-03',
    });
    // A blank phase is not sent: the API says it is missing (422 declared-phase-required).
    expect(activationBody('flanders', [], '   ')).toEqual({ scope: 'flanders' });
    expect(activationBody('neighbours', [HASSELT], 'GOUV')).toEqual({ scope: 'neighbours' });
    expect(activationBody('municipalities', [HASSELT], 'GOUV')).toEqual({
      scope: 'municipalities',
      municipalities: [HASSELT],
    });
  });

  it.each([
    [{ error: 'RuleViolation', rule: 'declared-phase-required' }, { phaseReference: 'phaseRequired' }],
    [{ error: 'RuleViolation', rule: 'unknown-municipality' }, { municipalities: 'unknownMunicipality' }],
    [
      { error: 'ValidationError', issues: [{ path: 'phaseReference', message: 'Too big' }] },
      { phaseReference: 'phaseInvalid' },
    ],
    [
      { error: 'ValidationError', issues: [{ path: 'municipalities', message: 'Too small' }] },
      { municipalities: 'municipalitiesCount' },
    ],
    [{ error: 'Conflict', message: 'help request is closed' }, {}],
    [undefined, {}],
  ])('puts the refusal %j on its field: %j', (error, problems) => {
    expect(activationProblems(error)).toEqual(problems);
  });
});
