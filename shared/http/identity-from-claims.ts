import * as z from 'zod';
import { Unauthorized } from '../domain/errors';
import { type Identity, ROLES, type Role } from '../domain/identity';
import { fullScope, HELP_REQUESTS_READ, HELP_REQUESTS_WRITE, municipalityScopeName } from './oauth-scopes';

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
  // Machine clients (client credentials): the token's subject is the client itself, its scopes say what it may do.
  client_id: z.string().optional(),
  scope: listClaim.optional(),
});

const isRole = (value: string): value is Role => (ROLES as readonly string[]).includes(value);

/** The caller, from the claims the authorizer verified; no claims at all means no valid token. */
const MUNICIPALITY_SCOPE_PREFIX = fullScope(municipalityScopeName(''));
const HELP_REQUEST_SCOPES = [fullScope(HELP_REQUESTS_WRITE), fullScope(HELP_REQUESTS_READ)];

/**
 * A municipality's crisis software acts as a requester of that municipality: the one municipality scope of its
 * client names it. A client with none or several is refused rather than guessed at.
 */
const machineIdentity = (sub: string, scopes: string[]): Identity => {
  const municipalities = scopes
    .filter((scope) => scope.startsWith(MUNICIPALITY_SCOPE_PREFIX))
    .map((scope) => scope.slice(MUNICIPALITY_SCOPE_PREFIX.length));
  const [municipality] = municipalities;
  if (municipalities.length !== 1 || !municipality || !scopes.some((s) => HELP_REQUEST_SCOPES.includes(s)))
    throw new Unauthorized();
  return { sub, roles: ['requester'], municipality };
};

export const identityFromClaims = (claims: unknown): Identity => {
  const parsed = claimsSchema.safeParse(claims);
  if (!parsed.success) throw new Unauthorized();
  const c = parsed.data;
  if (c.client_id !== undefined && c.client_id === c.sub) return machineIdentity(c.sub, c.scope ?? []);
  const municipality = c.municipality ?? c['custom:municipality'];
  const volunteerId = c.volunteerId ?? c['custom:volunteerId'];
  return {
    sub: c.sub,
    roles: [...(c.roles ?? []), ...(c['cognito:groups'] ?? [])].filter(isRole),
    ...(municipality ? { municipality } : {}),
    ...(volunteerId ? { volunteerId } : {}),
  };
};
