import * as z from 'zod/mini';
import { Unauthorized } from '../domain/errors';
import { type Identity, ROLES, type Role } from '../domain/identity';
import { nisCodeSchema } from '../schemas/common';
import { fullScope, HELP_REQUESTS_READ, HELP_REQUESTS_WRITE } from './oauth-scopes';

const listClaim = z.pipe(
  z.union([z.array(z.string()), z.string()]),
  z.transform((value) => (Array.isArray(value) ? value : value.split(/[\s,[\]]+/).filter(Boolean))),
);

// Cognito puts groups in `cognito:groups` and custom attributes under `custom:`; local tokens use the plain names.
const claimsSchema = z.object({
  sub: z.string().check(z.minLength(1)),
  roles: z.optional(listClaim),
  'cognito:groups': z.optional(listClaim),
  municipality: z.optional(z.string()),
  'custom:municipality': z.optional(z.string()),
  volunteerId: z.optional(z.string()),
  'custom:volunteerId': z.optional(z.string()),
  // Machine clients (client credentials): the token's subject is the client itself, its scopes say what it may do and
  // its `municipality` claim (added by the token trigger) for whom.
  client_id: z.optional(z.string()),
  scope: z.optional(listClaim),
});

const isRole = (value: string): value is Role => (ROLES as readonly string[]).includes(value);

const HELP_REQUEST_SCOPES = [fullScope(HELP_REQUESTS_WRITE), fullScope(HELP_REQUESTS_READ)];

/**
 * A municipality's crisis software acts as a requester of the one municipality its token's claim names. A token
 * without it (or without a help-request scope) is refused rather than guessed at.
 */
const machineIdentity = (sub: string, scopes: string[], municipality: string | undefined): Identity => {
  const nis = nisCodeSchema.safeParse(municipality);
  if (!nis.success || !scopes.some((s) => HELP_REQUEST_SCOPES.includes(s))) throw new Unauthorized();
  return { sub, roles: ['requester'], municipality: nis.data };
};

/** The caller, from the claims the authorizer verified; no claims at all means no valid token. */
export const identityFromClaims = (claims: unknown): Identity => {
  const parsed = claimsSchema.safeParse(claims);
  if (!parsed.success) throw new Unauthorized();
  const c = parsed.data;
  if (c.client_id !== undefined && c.client_id === c.sub)
    return machineIdentity(c.sub, c.scope ?? [], c.municipality);
  const municipality = c.municipality ?? c['custom:municipality'];
  const volunteerId = c.volunteerId ?? c['custom:volunteerId'];
  return {
    sub: c.sub,
    roles: [...(c.roles ?? []), ...(c['cognito:groups'] ?? [])].filter(isRole),
    ...(municipality ? { municipality } : {}),
    ...(volunteerId ? { volunteerId } : {}),
  };
};
