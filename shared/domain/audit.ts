import type { Identity } from './identity';

/** What an act adds to its entry: ids, scopes and references only, never a name, a phone or free text of a person. */
export type AuditDetails = Record<string, string | number | boolean | readonly string[]>;

/** The actor of acts no person did directly: the lifecycle, the purge, the close's check-outs. */
export const SYSTEM_ACTOR: Identity = { sub: 'system', roles: [] };

/**
 * One act to audit: who did what to which record and when. A service describes it; the repository that performs the
 * act writes its entry in the act's own transaction.
 */
export interface AuditAct {
  who: Identity;
  /** What happened, e.g. `volunteer.registered`. */
  action: string;
  entityType: string;
  entityId: string;
  at: string;
  details?: AuditDetails;
}

/** An act on a help request (launch, acknowledgement, activation, call, check-in/out, close), audited under it. */
export const auditRequestAct = (
  who: Identity,
  act: string,
  requestId: string,
  at: string,
  details: AuditDetails = {},
): AuditAct => ({
  who,
  action: `help-request.${act}`,
  entityType: 'help-request',
  entityId: requestId,
  at,
  details,
});
