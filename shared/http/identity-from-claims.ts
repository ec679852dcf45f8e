import { z } from 'zod';
import { Unauthorized } from '../domain/errors';
import { type Identity, ROLES, type Role } from '../domain/identity';

const listClaim = z
  .union([z.array(z.string()), z.string()])
  .transform((value) => (Array.isArray(value) ? value : value.split(/[\s,[\]]+/).filter(Boolean)));

// Cognito puts groups in `cognito:groups` and custom attributes under `custom:`; local tokens use the plain names.
const claimsSchema = z.object({
  sub: z.string().min(1),
  roles: listClaim.optional(),
  'cognito:groups': listClaim.optional(),
  municipality: z.string().optional(),
  'custom:municipality': z.string().optional(),
  volunteerId: z.string().optional(),
  'custom:volunteerId': z.string().optional(),
});

const isRole = (value: string): value is Role => (ROLES as readonly string[]).includes(value);

/** The caller, from the claims the authorizer verified; no claims at all means no valid token. */
export const identityFromClaims = (claims: unknown): Identity => {
  const parsed = claimsSchema.safeParse(claims);
  if (!parsed.success) throw new Unauthorized();
  const c = parsed.data;
  const municipality = c.municipality ?? c['custom:municipality'];
  const volunteerId = c.volunteerId ?? c['custom:volunteerId'];
  return {
    sub: c.sub,
    roles: [...(c.roles ?? []), ...(c['cognito:groups'] ?? [])].filter(isRole),
    ...(municipality ? { municipality } : {}),
    ...(volunteerId ? { volunteerId } : {}),
  };
};
