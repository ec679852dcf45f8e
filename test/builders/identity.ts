import type { Identity, Role } from '../../shared/domain/identity';

/** A caller with the given roles; municipal callers pass the NIS code they are bound to. */
export const anIdentity = (
  roles: Role[],
  municipality?: string,
  sub = `user-${roles.join('+')}`,
): Identity => ({
  sub,
  roles,
  ...(municipality ? { municipality } : {}),
});
