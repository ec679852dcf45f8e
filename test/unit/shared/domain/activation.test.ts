import { describe, expect, it } from 'vitest';
import { declaredPhaseOf, restsOnDeclaredPhase } from '../../../../shared/domain/activation';
import { RuleViolation } from '../../../../shared/domain/errors';

describe('declaredPhaseOf', () => {
  it.each(['province', 'flanders'] as const)(
    'refuses a %s-wide activation without the declared phase, with the declared-phase-required rule',
    (scope) => {
      const activate = () => declaredPhaseOf({ scope });
      expect(activate).toThrow(RuleViolation);
      expect(activate).toThrow(expect.objectContaining({ rule: 'declared-phase-required' }));
    },
  );

  it.each(['province', 'flanders'] as const)(
    'answers the declared phase of a %s-wide activation',
    (scope) => {
      expect(declaredPhaseOf({ scope, phaseReference: 'GOUV-2026-014' })).toBe('GOUV-2026-014');
    },
  );

  it('needs no phase for the neighbours or named corps, and ignores one given', () => {
    expect(declaredPhaseOf({ scope: 'neighbours' })).toBeUndefined();
    expect(
      declaredPhaseOf({
        scope: 'municipalities',
        municipalities: ['44021'],
        phaseReference: 'GOUV-2026-014',
      }),
    ).toBeUndefined();
  });
});

describe('restsOnDeclaredPhase', () => {
  it.each([
    ['neighbours', false],
    ['municipalities', false],
    ['province', true],
    ['flanders', true],
  ] as const)('%s: %s', (scope, rests) => {
    expect(restsOnDeclaredPhase(scope)).toBe(rests);
  });
});
