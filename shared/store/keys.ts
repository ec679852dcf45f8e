/** Key layout of the single-table designs; every key string is built here and nowhere else. */
export const keys = {
  municipality: (nis: string) => ({ pk: `MUNI#${nis}`, sk: 'PROFILE' }),
  volunteer: (id: string) => ({ pk: `VOL#${id}`, sk: 'PROFILE' }),
  phone: (e164: string) => ({ pk: `PHONE#${e164}`, sk: 'PHONE' }),
  /** Member and funded counts of a corps, versioned: every join and leave is a conditional write on it. */
  corps: (nis: string) => ({ pk: `MUNI#${nis}`, sk: 'CORPS' }),
  requesters: (nis: string) => ({ pk: `MUNI#${nis}`, sk: 'REQUESTERS' }),
  neighbour: (nis: string, other: string) => ({ pk: `MUNI#${nis}`, sk: `NEIGHBOUR#${other}` }),
  /** What remains of an erased member: anonymous counts for the yearly report, under a key of its own. */
  formerMember: (nis: string, anonymousId: string) => ({ pk: `MUNI#${nis}`, sk: `FORMER#${anonymousId}` }),
  /**
   * Anonymous yearly counters of one municipality (numbers only: no id, no name), in the Registry and the Operations
   * table alike: one partition sorted by year, so the report reads every year up to its own in one query per table.
   */
  annualCounters: (year: number, nis: string) => ({ pk: 'COUNTERS', sk: `${year}#${nis}` }),
  group: (id: string) => ({ pk: `GROUP#${id}`, sk: 'PROFILE' }),
  groupIndex: (nis: string, id: string) => ({ gsi1pk: `MUNI#${nis}`, gsi1sk: `GROUP#${id}` }),
  rosterIndex: (nis: string, volunteerId: string) => ({
    gsi1pk: `MUNI#${nis}`,
    gsi1sk: `VOL#${volunteerId}`,
  }),

  dutyRoster: () => ({ pk: 'DUTY-ROSTER', sk: 'CURRENT' }),
  /** Round 2 is the escalation's second pass over the whole roster. */
  coordinatorAlert: (requestId: string, level: number, round = 1) => ({
    pk: `REQ#${requestId}`,
    sk: round === 1 ? `COORDINATOR#${level}` : `COORDINATOR#${level}#ROUND${round}`,
  }),
  /** The crisis centre's SMS once nobody on the duty roster acknowledged in two rounds. */
  rosterExhausted: (requestId: string) => ({ pk: `REQ#${requestId}`, sk: 'ROSTER-EXHAUSTED' }),
  /** The coordinator's SMS about a lifecycle step that failed for good, one per failed state. */
  lifecycleFailure: (requestId: string, state: string) => ({
    pk: `REQ#${requestId}`,
    sk: `LIFECYCLE-FAILED#${state}`,
  }),
  deployment: (requestId: string, volunteerId: string) => ({
    pk: `REQ#${requestId}`,
    sk: `DEPLOY#${volunteerId}`,
  }),
  deploymentIndex: (volunteerId: string, requestId: string) => ({
    gsi1pk: `VOL#${volunteerId}`,
    gsi1sk: `DEPLOY#${requestId}`,
  }),
  shortfallAlert: (requestId: string) => ({ pk: `REQ#${requestId}`, sk: 'SHORTFALL' }),
  request: (id: string) => ({ pk: `REQ#${id}`, sk: 'META' }),
  requestIndex: (nis: string, createdAt: string, id: string) => ({
    gsi1pk: `MUNI#${nis}`,
    gsi1sk: `REQ#${createdAt}#${id}`,
  }),
  alert: (requestId: string, volunteerId: string) => ({ pk: `REQ#${requestId}`, sk: `ALERT#${volunteerId}` }),
  alertIndex: (volunteerId: string, requestId: string) => ({
    gsi1pk: `VOL#${volunteerId}`,
    gsi1sk: `ALERT#${requestId}`,
  }),
  standDown: (requestId: string, volunteerId: string) => ({
    pk: `REQ#${requestId}`,
    sk: `STANDDOWN#${volunteerId}`,
  }),
  /** The "enough volunteers" SMS owed to a volunteer who had not answered when every task was filled. */
  enough: (requestId: string, volunteerId: string) => ({
    pk: `REQ#${requestId}`,
    sk: `ENOUGH#${volunteerId}`,
  }),
  coordinatorUpdate: (requestId: string, updateId: string, volunteerId: string) => ({
    pk: `REQ#${requestId}`,
    sk: `UPDATE#${updateId}#${volunteerId}`,
  }),
  timeline: (requestId: string, at: string, id: string) => ({ pk: `REQ#${requestId}`, sk: `TL#${at}#${id}` }),
  inbound: (messageId: string) => ({ pk: `INBOUND#${messageId}`, sk: 'INBOUND' }),

  /** The public code of a spontaneous call → its request (Operations; no personal data, purged with the call). */
  spontaneousCall: (code: string) => ({ pk: `CALL#${code}`, sk: 'CALL' }),
  /** What the purge left of a request's spontaneous volunteers: counts only (Operations). */
  purgeReceipt: (requestId: string) => ({ pk: `REQ#${requestId}`, sk: 'PURGE' }),
  /** A spontaneous volunteer, registered for one request (AdHoc table only, so the purge finds them all). */
  spontaneousVolunteer: (requestId: string, volunteerId: string) => ({
    pk: `REQ#${requestId}`,
    sk: `SPONT#${volunteerId}`,
  }),
  /** A phone registered for one request (AdHoc): one registration per phone per request, and inbound replies. */
  spontaneousPhone: (e164: string, requestId: string) => ({ pk: `PHONE#${e164}`, sk: `REQ#${requestId}` }),
  /** Message parts one origination number sent in one epoch second: the rate limiter's counter. */
  smsRate: (originationNumber: string, second: number) => ({
    pk: `SMSRATE#${originationNumber}`,
    sk: `SEC#${second}`,
  }),
  /** Points from a provider message id to the SMS it carried, so a delivery receipt finds its alert. */
  sentSms: (messageId: string) => ({ pk: `SMSMSG#${messageId}`, sk: 'SMSMSG' }),

  /** An insurance claim, in a partition of its own: the purge of its request's partition never reaches it. */
  claim: (id: string) => ({ pk: `CLAIM#${id}`, sk: 'CLAIM' }),
  /** The claims of one request, oldest first (on the claim item). */
  claimRequestIndex: (requestId: string, filedAt: string, id: string) => ({
    gsi1pk: `REQ#${requestId}`,
    gsi1sk: `CLAIM#${filedAt}#${id}`,
  }),
  /** A corps member's claims (a pointer item beside the claim; spontaneous claimants have none). */
  claimVolunteerPointer: (id: string) => ({ pk: `CLAIM#${id}`, sk: 'VOL' }),
  claimVolunteerIndex: (volunteerId: string, filedAt: string, id: string) => ({
    gsi1pk: `VOL#${volunteerId}`,
    gsi1sk: `CLAIM#${filedAt}#${id}`,
  }),
  /** The SMS telling the claimant their claim reached `status`: each status is reached once, so one SMS each. */
  claimSms: (id: string, status: string) => ({ pk: `CLAIM#${id}`, sk: `SMS#${status}` }),

  /** A settled or rejected claim's retention date, beside the claim; the daily deletion finds it by date. */
  claimRetention: (id: string) => ({ pk: `CLAIM#${id}`, sk: 'RETAIN' }),
  claimRetentionIndex: (retainUntil: string, id: string) => ({
    gsi1pk: 'CLAIM-RETENTION',
    gsi1sk: `${retainUntil}#${id}`,
  }),

  /** An erased member in the ErasureLedger table (partition key only), known by the salted hash of their id alone. */
  erasedVolunteer: (pseudonym: string) => ({ pk: `ERASED#${pseudonym}` }),
  /** A request whose spontaneous volunteers were purged (ErasureLedger). */
  purgedRequest: (requestId: string) => ({ pk: `PURGED#${requestId}` }),
};

export const KEY_ATTRIBUTES = ['pk', 'sk', 'gsi1pk', 'gsi1sk', 'expiresAt'] as const;

/** Drops the key attributes so only the domain record leaves the store. */
export const stripKeys = <T>(item: Record<string, unknown>): T => {
  const record = { ...item };
  for (const attribute of KEY_ATTRIBUTES) delete record[attribute];
  return record as T;
};
