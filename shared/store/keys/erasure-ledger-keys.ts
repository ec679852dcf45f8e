/** Key layout of the ErasureLedger table (partition key only). */
export const erasureLedgerKeys = {
  /** An erased member, known by the salted hash of their id alone. */
  erasedVolunteer: (pseudonym: string) => ({ pk: `ERASED#${pseudonym}` }),
  /** A request whose spontaneous volunteers were purged. */
  purgedRequest: (requestId: string) => ({ pk: `PURGED#${requestId}` }),
};
