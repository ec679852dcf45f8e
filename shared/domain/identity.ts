export const ROLES = [
  'requester',
  'municipal-admin',
  'coordinator',
  'crisis-centre',
  'volunteer',
  'ops',
] as const;
export type Role = (typeof ROLES)[number];

/** Who is calling, from the verified token's claims. */
export interface Identity {
  sub: string;
  roles: readonly Role[];
  /** NIS code, for the municipal roles. */
  municipality?: string;
  volunteerId?: string;
}

export const hasRole = (identity: Identity, ...roles: Role[]): boolean =>
  roles.some((r) => identity.roles.includes(r));

const MUNICIPAL_ROLES: Role[] = ['requester', 'municipal-admin'];

/** A municipal role bound to this very municipality. */
export const actsFor = (identity: Identity, nis: string, ...roles: Role[]): boolean =>
  identity.municipality === nis && hasRole(identity, ...(roles.length ? roles : MUNICIPAL_ROLES));

/** Who acts when a member changes their own record by SMS (STOP, a rejoin word, PAUZE): the member themselves. */
export const memberBySms = (volunteerId: string): Identity => ({
  sub: `volunteer:${volunteerId}`,
  roles: ['volunteer'],
});
