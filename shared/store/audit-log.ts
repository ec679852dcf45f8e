import { ulid } from 'ulid';
import type { AuditAct, AuditDetails } from '../domain/audit';
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

/** The audit entry of an act a service described, to be written in the act's own transaction. */
export const auditActPut = (act: AuditAct): AuditPut =>
  auditPut(act.who, act.action, act.entityType, act.entityId, act.at, act.details);

/** The audit item as an extra of a transaction, when the caller described the act. */
export const withAudit = (act: AuditAct | undefined): AuditPut[] => (act ? [auditActPut(act)] : []);
