import { ulid } from 'ulid';
import type { Identity } from '../domain/identity';
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
export const auditPut = (who: Identity, action: string, entityType: string, entityId: string, at: string) => {
  const entry: AuditEntry = { at, actor: who.sub, roles: who.roles, action, entityType, entityId };
  return {
    Put: {
      TableName: tableNames.audit(),
      Item: { pk: `AUDIT#${entityType}#${entityId}`, sk: `${at}#${ulid()}`, ...entry },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
};
