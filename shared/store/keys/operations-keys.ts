import { shardSuffix } from '../../domain/counter-shards';
import { annualCounterKey } from './annual-counter-keys';

/** Sort-key prefixes of the Operations table, for the queries that read every item of one kind in a partition. */
export const operationsPrefixes = {
  request: 'REQ#',
  alert: 'ALERT#',
  standDown: 'STANDDOWN#',
  enough: 'ENOUGH#',
  coordinatorUpdate: 'UPDATE#',
  deployment: 'DEPLOY#',
  timeline: 'TL#',
  activation: 'ACTIVATION#',
  claim: 'CLAIM#',
  /** A dry exercise's SMS, kept instead of sent. */
  outbox: 'OUTBOX#',
  /** After the request's own `META`, so one query reads both. */
  requestCounter: 'META#COUNTS#',
} as const;

const p = operationsPrefixes;

/** Key layout of the Operations table: every key string of it is built here and nowhere else. */
export const operationsKeys = {
  annualCounters: annualCounterKey,
  /** Round 2 is the escalation's second pass over the whole roster. */
  coordinatorAlert: (requestId: string, level: number, round = 1) => ({
    pk: `${p.request}${requestId}`,
    sk: round === 1 ? `COORDINATOR#${level}` : `COORDINATOR#${level}#ROUND${round}`,
  }),
  /** The crisis centre's SMS once nobody on the duty roster acknowledged in two rounds. */
  rosterExhausted: (requestId: string) => ({ pk: `${p.request}${requestId}`, sk: 'ROSTER-EXHAUSTED' }),
  /** The coordinator's SMS about a lifecycle step that failed for good, one per failed state. */
  lifecycleFailure: (requestId: string, state: string) => ({
    pk: `${p.request}${requestId}`,
    sk: `LIFECYCLE-FAILED#${state}`,
  }),
  deployment: (requestId: string, volunteerId: string) => ({
    pk: `${p.request}${requestId}`,
    sk: `${p.deployment}${volunteerId}`,
  }),
  deploymentIndex: (volunteerId: string, requestId: string) => ({
    gsi1pk: `VOL#${volunteerId}`,
    gsi1sk: `${p.deployment}${requestId}`,
  }),
  shortfallAlert: (requestId: string) => ({ pk: `${p.request}${requestId}`, sk: 'SHORTFALL' }),
  request: (id: string) => ({ pk: `${p.request}${id}`, sk: 'META' }),
  /**
   * One shard of the request's counts that many writers move (answers, releases, spontaneous alerts). Its sort key
   * follows the request's, so one query (`begins_with(sk, 'META')`) reads the request with every shard.
   */
  requestCounter: (id: string, shard: number) => ({
    pk: `${p.request}${id}`,
    sk: `${p.requestCounter}${shardSuffix(shard)}`,
  }),
  requestIndex: (nis: string, createdAt: string, id: string) => ({
    gsi1pk: `MUNI#${nis}`,
    gsi1sk: `${p.request}${createdAt}#${id}`,
  }),
  /** Every help request of Flanders by time, on gsi2, which holds nothing else (a few hundred requests a year). */
  allRequestsIndex: (createdAt: string, id: string) => ({
    gsi2pk: 'REQUESTS',
    gsi2sk: `${p.request}${createdAt}#${id}`,
  }),
  /**
   * The requests not closed yet, on gsi3 (sparse: set at creation, removed at the close). A mobilisation reads it to
   * learn which other requests its members may hold a reply code of.
   */
  openRequestIndex: (createdAt: string, id: string) => ({
    gsi3pk: 'OPEN-REQUESTS',
    gsi3sk: `${p.request}${createdAt}#${id}`,
  }),
  alert: (requestId: string, volunteerId: string) => ({
    pk: `${p.request}${requestId}`,
    sk: `${p.alert}${volunteerId}`,
  }),
  alertIndex: (volunteerId: string, requestId: string) => ({
    gsi1pk: `VOL#${volunteerId}`,
    gsi1sk: `${p.alert}${requestId}`,
  }),
  /** A request's answers, latest first, on gsi2: set on the alert when its volunteer answers. */
  answeredIndex: (requestId: string, respondedAt: string, volunteerId: string) => ({
    gsi2pk: `ANSWERS#${requestId}`,
    gsi2sk: `${respondedAt}#${volunteerId}`,
  }),
  /**
   * A request's unreachable volunteers by corps, on gsi3. The sort key is written with the alert; the partition key
   * only once its SMS failed for good or expired, so the index holds those alone.
   */
  missedSort: (municipality: string, volunteerId: string) => ({ gsi3sk: `${municipality}#${volunteerId}` }),
  missedIndex: (requestId: string) => ({ gsi3pk: `MISSED#${requestId}` }),
  standDown: (requestId: string, volunteerId: string) => ({
    pk: `${p.request}${requestId}`,
    sk: `${p.standDown}${volunteerId}`,
  }),
  /** The "enough volunteers" SMS owed to a volunteer who had not answered when every task was filled. */
  enough: (requestId: string, volunteerId: string) => ({
    pk: `${p.request}${requestId}`,
    sk: `${p.enough}${volunteerId}`,
  }),
  coordinatorUpdate: (requestId: string, updateId: string, volunteerId: string) => ({
    pk: `${p.request}${requestId}`,
    sk: `${p.coordinatorUpdate}${updateId}#${volunteerId}`,
  }),
  /** An activation by hand of the request: the corps it adds and how far their mobilisation got. */
  activation: (requestId: string, activationId: string) => ({
    pk: `${p.request}${requestId}`,
    sk: `${p.activation}${activationId}`,
  }),
  /** Written when an activation's step first starts on a corps: a later run of it is a retry. */
  activationCorpsStarted: (requestId: string, activationId: string, municipality: string) => ({
    pk: `${p.request}${requestId}`,
    sk: `ACTIVATED#${activationId}#${municipality}`,
  }),
  timeline: (requestId: string, at: string, id: string) => ({
    pk: `${p.request}${requestId}`,
    sk: `${p.timeline}${at}#${id}`,
  }),
  inbound: (messageId: string) => ({ pk: `INBOUND#${messageId}`, sk: 'INBOUND' }),

  /** The public code of a spontaneous call → its request (no personal data, purged with the call). */
  spontaneousCall: (code: string) => ({ pk: `CALL#${code}`, sk: 'CALL' }),
  /** One shard of the call's registrations, beside its pointer: each takes its part of the call's cap. */
  spontaneousCallShard: (code: string, shard: number) => ({
    pk: `CALL#${code}`,
    sk: `SHARD#${shardSuffix(shard)}`,
  }),
  /** What the purge left of a request's spontaneous volunteers: counts only. */
  purgeReceipt: (requestId: string) => ({ pk: `${p.request}${requestId}`, sk: 'PURGE' }),
  /** When one origination number's send bucket is next full: the pacing every dispatcher reserves from. */
  smsPace: (originationNumber: string) => ({ pk: `SMSRATE#${originationNumber}`, sk: 'PACE' }),
  /** Points from a provider message id to the SMS it carried, so a delivery receipt finds its alert. */
  sentSms: (messageId: string) => ({ pk: `SMSMSG#${messageId}`, sk: 'SMSMSG' }),
  /** A dry exercise's SMS in its request's outbox, in the order they were kept (`at`, then the message id). */
  outboxSms: (requestId: string, at: string, messageId: string) => ({
    pk: `${p.request}${requestId}`,
    sk: `${p.outbox}${at}#${messageId}`,
  }),

  /** An insurance claim, in a partition of its own: the purge of its request's partition never reaches it. */
  claim: (id: string) => ({ pk: `${p.claim}${id}`, sk: 'CLAIM' }),
  /** The claims of one request, oldest first (on the claim item). */
  claimRequestIndex: (requestId: string, filedAt: string, id: string) => ({
    gsi1pk: `${p.request}${requestId}`,
    gsi1sk: `${p.claim}${filedAt}#${id}`,
  }),
  /** A corps member's claims (a pointer item beside the claim; spontaneous claimants have none). */
  claimVolunteerPointer: (id: string) => ({ pk: `${p.claim}${id}`, sk: 'VOL' }),
  claimVolunteerIndex: (volunteerId: string, filedAt: string, id: string) => ({
    gsi1pk: `VOL#${volunteerId}`,
    gsi1sk: `${p.claim}${filedAt}#${id}`,
  }),
  /** The SMS telling the claimant their claim reached `status`: each status is reached once, so one SMS each. */
  claimSms: (id: string, status: string) => ({ pk: `${p.claim}${id}`, sk: `SMS#${status}` }),

  /** A settled or rejected claim's retention date, beside the claim; the daily deletion finds it by date. */
  claimRetention: (id: string) => ({ pk: `${p.claim}${id}`, sk: 'RETAIN' }),
  claimRetentionIndex: (retainUntil: string, id: string) => ({
    gsi1pk: 'CLAIM-RETENTION',
    gsi1sk: `${retainUntil}#${id}`,
  }),
};
