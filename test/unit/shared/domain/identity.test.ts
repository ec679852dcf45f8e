import { describe, expect, it } from 'vitest';
import { actsFor, hasRole, ROLES } from '../../../../shared/domain/identity';
import { anIdentity } from '../../../builders/identity';

describe('identity', () => {
  it('knows the roles of API.md plus ops', () => {
    expect([...ROLES].sort()).toEqual(
      ['coordinator', 'crisis-centre', 'municipal-admin', 'ops', 'requester', 'volunteer'].sort(),
    );
  });

  it.each([
    { roles: ['coordinator'] as const, asked: ['coordinator'] as const, has: true },
    { roles: ['requester'] as const, asked: ['coordinator'] as const, has: false },
    { roles: ['requester'] as const, asked: ['coordinator', 'requester'] as const, has: true },
    { roles: ['volunteer', 'municipal-admin'] as const, asked: ['municipal-admin'] as const, has: true },
    { roles: [] as const, asked: ['volunteer'] as const, has: false },
  ])('hasRole: a caller with $roles has one of $asked: $has', ({ roles, asked, has }) => {
    expect(hasRole(anIdentity([...roles]), ...asked)).toBe(has);
  });

  it.each([
    { who: anIdentity(['requester'], '44021'), nis: '44021', roles: [], acts: true },
    { who: anIdentity(['municipal-admin'], '44021'), nis: '44021', roles: [], acts: true },
    { who: anIdentity(['requester'], '11002'), nis: '44021', roles: [], acts: false },
    { who: anIdentity(['volunteer'], '44021'), nis: '44021', roles: [], acts: false },
    { who: anIdentity(['coordinator']), nis: '44021', roles: [], acts: false },
    { who: anIdentity(['requester'], '44021'), nis: '44021', roles: ['municipal-admin'], acts: false },
    { who: anIdentity(['municipal-admin'], '44021'), nis: '44021', roles: ['municipal-admin'], acts: true },
  ] as const)(
    'actsFor: $who.roles of $who.municipality acts for $nis with roles $roles: $acts',
    ({ who, nis, roles, acts }) => {
      expect(actsFor(who, nis, ...roles)).toBe(acts);
    },
  );
});
