import { ulid } from 'ulid';
import type { Identity } from '../domain/identity';
import { auditKeys } from './keys/audit-keys';
import { tableNames } from './tables';

export interface AuditEntry {
  at: string;
  actor: string;
  roles: readonly string[];
  /** What happened, e.g. `volunteer.registered`. */
  action: string;
  entityType: string;
  entityId: string;
}

/** What an act adds to its entry: ids, scopes and references only, never a name, a phone or free text of a person. */
export type AuditDetails = Record<string, string | number | boolean | readonly string[]>;

/** The actor of acts no person did directly: the lifecycle, the purge, the close's check-outs. */
export const SYSTEM_ACTOR: Identity = { sub: 'system', roles: [] };

/**
 * Audit entries say who did what to which record and when: ids and action names only, never the personal data
 * itself, so an erasure never has to touch the audit trail. They are written inside the change's own transaction.
 */
export const auditPut = (
  who: Identity,
  action: string,
  entityType: string,
  entityId: string,
  at: string,
  details: AuditDetails = {},
) => {
  const entry: AuditEntry = { at, actor: who.sub, roles: who.roles, action, entityType, entityId };
  return {
    Put: {
      TableName: tableNames.audit(),
      Item: { ...details, ...auditKeys.entry(entityType, entityId, at, ulid()), ...entry },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
};

/** The audit entry of one act, to be written in the act's own transaction. */
export type AuditPut = ReturnType<typeof auditPut>;

/** The audit item as an extra of a transaction, when the caller gave one. */
export const withAudit = (audit: AuditPut | undefined): AuditPut[] => (audit ? [audit] : []);

/** An act on a help request (launch, acknowledgement, activation, call, check-in/out, close), audited under it. */
export const auditRequestAct = (
  who: Identity,
  act: string,
  requestId: string,
  at: string,
  details: AuditDetails = {},
): AuditPut => auditPut(who, `help-request.${act}`, 'help-request', requestId, at, details);
