import { type Identity, ROLES, type Role } from '../../../../shared/domain/identity';

/** Who the console's token says the user is: the same claims the API reads (Cognito's names or the local ones). */
export const identityOfToken = (
  token: string,
): Identity & { name?: string; email?: string; expiresAt?: number } => {
  const payload = token.split('.')[1] ?? '';
  const claims = JSON.parse(atob(payload.replace(/-/g, '+').replace(/_/g, '/'))) as Record<string, unknown>;
  const list = (value: unknown): string[] =>
    Array.isArray(value) ? value.map(String) : typeof value === 'string' ? value.split(/[\s,]+/) : [];
  const roles = [...list(claims.roles), ...list(claims['cognito:groups'])].filter((r): r is Role =>
    (ROLES as readonly string[]).includes(r),
  );
  const municipality = (claims.municipality ?? claims['custom:municipality']) as string | undefined;
  return {
    sub: String(claims.sub ?? ''),
    roles,
    ...(municipality ? { municipality } : {}),
    ...(typeof claims.name === 'string' ? { name: claims.name } : {}),
    ...(typeof claims.email === 'string' ? { email: claims.email } : {}),
    ...(typeof claims.exp === 'number' ? { expiresAt: claims.exp * 1000 } : {}),
  };
};

/** What the console shows a role first. */
export const isCoordination = (identity: Identity) =>
  identity.roles.includes('coordinator') || identity.roles.includes('crisis-centre');
