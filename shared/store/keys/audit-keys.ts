/** Key layout of the Audit table: one partition per audited record, its entries sorted by time. */
export const auditKeys = {
  entry: (entityType: string, entityId: string, at: string, id: string) => ({
    pk: `AUDIT#${entityType}#${entityId}`,
    sk: `${at}#${id}`,
  }),
};
