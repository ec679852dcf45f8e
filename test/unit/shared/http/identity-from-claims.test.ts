import { describe, expect, it } from 'vitest';
import { Unauthorized } from '../../../../shared/domain/errors';
import { identityFromClaims } from '../../../../shared/http/identity-from-claims';

describe('identityFromClaims', () => {
  it('reads local claims with roles as an array', () => {
    expect(identityFromClaims({ sub: 'u1', roles: ['requester'], municipality: '44021' })).toEqual({
      sub: 'u1',
      roles: ['requester'],
      municipality: '44021',
    });
  });

  it('reads local claims with roles as a comma-separated string', () => {
    expect(
      identityFromClaims({ sub: 'u1', roles: 'requester,municipal-admin', municipality: '44021' }),
    ).toEqual({
      sub: 'u1',
      roles: ['requester', 'municipal-admin'],
      municipality: '44021',
    });
  });

  it('reads the volunteer id of a volunteer', () => {
    expect(identityFromClaims({ sub: 'u2', roles: ['volunteer'], volunteerId: 'v-1' })).toEqual({
      sub: 'u2',
      roles: ['volunteer'],
      volunteerId: 'v-1',
    });
  });

  it.each([
    { groups: 'coordinator,crisis-centre', why: 'a comma-separated string' },
    { groups: 'coordinator, crisis-centre', why: 'a comma-and-space-separated string' },
    { groups: '[coordinator crisis-centre]', why: 'the bracketed form API Gateway gives' },
    { groups: ['coordinator', 'crisis-centre'], why: 'an array' },
  ])('reads cognito:groups given as $why', ({ groups }) => {
    expect(identityFromClaims({ sub: 'c1', 'cognito:groups': groups }).roles).toEqual([
      'coordinator',
      'crisis-centre',
    ]);
  });

  it('reads a single Cognito group in brackets', () => {
    expect(identityFromClaims({ sub: 'c1', 'cognito:groups': '[coordinator]' }).roles).toEqual([
      'coordinator',
    ]);
  });

  it('reads the municipality and volunteer id from Cognito custom attributes', () => {
    expect(
      identityFromClaims({
        sub: 'c2',
        'cognito:groups': '[requester]',
        'custom:municipality': '44021',
        'custom:volunteerId': 'v-9',
      }),
    ).toEqual({ sub: 'c2', roles: ['requester'], municipality: '44021', volunteerId: 'v-9' });
  });

  it('prefers the plain municipality claim over the custom attribute', () => {
    expect(
      identityFromClaims({
        sub: 'u',
        roles: ['requester'],
        municipality: '44021',
        'custom:municipality': '11002',
      }).municipality,
    ).toBe('44021');
  });

  it('merges roles from both claims', () => {
    expect(
      identityFromClaims({ sub: 'u', roles: ['requester'], 'cognito:groups': '[volunteer]' }).roles,
    ).toEqual(['requester', 'volunteer']);
  });

  it.each([
    { claims: { sub: 'u', roles: ['requester', 'admin', 'superuser'] }, roles: ['requester'] },
    { claims: { sub: 'u', 'cognito:groups': '[eu-west-1_abc_Google coordinator]' }, roles: ['coordinator'] },
    { claims: { sub: 'u', roles: 'Coordinator' }, roles: [] },
    { claims: { sub: 'u' }, roles: [] },
  ])('drops roles it does not know: $claims gives $roles', ({ claims, roles }) => {
    expect(identityFromClaims(claims).roles).toEqual(roles);
  });

  it('leaves out an empty municipality rather than binding the caller to ""', () => {
    expect(identityFromClaims({ sub: 'u', roles: ['requester'], municipality: '' })).not.toHaveProperty(
      'municipality',
    );
  });

  it('ignores the standard claims it does not use', () => {
    expect(
      identityFromClaims({ sub: 'u', roles: ['ops'], iss: 'https://issuer', exp: 1_900_000_000, aud: 'api' }),
    ).toEqual({ sub: 'u', roles: ['ops'] });
  });

  it.each([
    { claims: { roles: ['coordinator'] }, why: 'no sub' },
    { claims: { sub: '', roles: ['coordinator'] }, why: 'an empty sub' },
    { claims: { sub: 42, roles: ['coordinator'] }, why: 'a numeric sub' },
    { claims: { sub: 'u', roles: 7 }, why: 'roles that are no list' },
    { claims: undefined, why: 'no claims at all' },
    { claims: null, why: 'null claims' },
    { claims: 'sub=u', why: 'claims that are no object' },
  ])('rejects $why as Unauthorized', ({ claims }) => {
    expect(() => identityFromClaims(claims)).toThrow(Unauthorized);
  });
});

describe('identityFromClaims for machine clients (client credentials)', () => {
  // The token trigger adds `municipality` from the client's name; the client's scopes give its access.
  const machine = (scope: string, municipality: string | null = '44021') => ({
    sub: 'client-abc',
    client_id: 'client-abc',
    token_use: 'access',
    scope,
    ...(municipality === null ? {} : { municipality }),
  });

  it("makes a client with a help-request scope a requester of the municipality its token's claim names", () => {
    expect(identityFromClaims(machine('crisis-api/help-requests.write'))).toEqual({
      sub: 'client-abc',
      roles: ['requester'],
      municipality: '44021',
    });
  });

  it('accepts a read-only client too (API Gateway keeps it to the read methods)', () => {
    expect(identityFromClaims(machine('crisis-api/help-requests.read', '11002')).municipality).toBe('11002');
  });

  it.each([
    ['no municipality claim', machine('crisis-api/help-requests.write', null)],
    [
      'only the municipality scope of old, no claim',
      machine('crisis-api/help-requests.write crisis-api/municipality.44021', null),
    ],
    ['a municipality claim that is no NIS code', machine('crisis-api/help-requests.write', '44021,11002')],
    ['no help-request scope', machine('aws.cognito.signin.user.admin')],
    ['a scope of another resource server', machine('other-api/help-requests.write')],
  ])('refuses a client with %s', (_why, claims) => {
    expect(() => identityFromClaims(claims)).toThrow(Unauthorized);
  });

  it('never reads roles from a machine token, whatever claims it carries', () => {
    expect(
      identityFromClaims({
        ...machine('crisis-api/help-requests.write'),
        'cognito:groups': '[coordinator]',
      }).roles,
    ).toEqual(['requester']);
  });

  it('treats a user access token (its subject is not the client) as a user', () => {
    expect(
      identityFromClaims({
        sub: 'user-1',
        client_id: 'web-client',
        scope: 'aws.cognito.signin.user.admin',
        'cognito:groups': '[coordinator]',
      }),
    ).toEqual({ sub: 'user-1', roles: ['coordinator'] });
  });
});
