import { GetCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Alert } from '../domain/alert';
import { DRY_ORIGINATION, missedRecipient, type SmsStatus } from '../domain/origination';
import type { OutboxPage, OutboxSms } from '../schemas/outbox';
import { type SmsJob, type SmsRef, withoutRecipient } from '../schemas/sms-job';
import {
  cancellationCodes,
  documentClient,
  isConditionFailure,
  landed,
  putIfAbsent,
  transactLanded,
} from './dynamo-client';
import { operationsKeys, operationsPrefixes } from './keys/operations-keys';
import { stripKeys } from './keys/strip-keys';
import { countShardUpdate } from './request-counters';
import { requestItemsPage } from './request-item-pages';
import { tableNames } from './tables';

/**
 * What the dispatcher sent for a provider message id: enough for a delivery receipt to find and retry its SMS. The
 * phone number is not kept (an erasure could not find it here): a retry looks up the recipient's current one.
 */
export interface SentSms {
  job: SmsRef;
  messageId: string;
  originationNumber: string;
  /** 1 for the first send, 2 for the retry after a failed delivery. */
  attempt: number;
}

/** Receipts arrive within 72 hours (AWS); the pointer stays a little longer, then TTL removes it. */
const SENT_SMS_TTL_SECONDS = 4 * 24 * 3600;

const smsKey = (job: SmsRef) => {
  if (job.kind === 'coordinator') return operationsKeys.coordinatorAlert(job.requestId, job.level, job.round);
  if (job.kind === 'roster-exhausted') return operationsKeys.rosterExhausted(job.requestId);
  if (job.kind === 'lifecycle-failed') return operationsKeys.lifecycleFailure(job.requestId, job.state);
  if (job.kind === 'shortfall') return operationsKeys.shortfallAlert(job.requestId);
  if (job.kind === 'claim-status') return operationsKeys.claimSms(job.claimId, job.status);
  if (job.kind === 'update')
    return operationsKeys.coordinatorUpdate(job.requestId, job.updateId, job.volunteerId);
  if (job.kind === 'enough') return operationsKeys.enough(job.requestId, job.volunteerId);
  return job.kind === 'alert'
    ? operationsKeys.alert(job.requestId, job.volunteerId)
    : operationsKeys.standDown(job.requestId, job.volunteerId);
};

/**
 * The SMS ledger: every SMS the tool owes is a record at its own key (a volunteer's alert, a stand-down, a
 * coordinator's or the crisis centre's SMS …), queued once, claimed for sending, marked sent with a pointer from
 * the provider's message id, then delivered or failed by the receipt. Each step is a conditional write, so a
 * redelivered job or receipt never sends or counts twice.
 */
export class SmsLedgerRepository {
  constructor(
    private readonly db = documentClient(),
    private readonly table = tableNames.operations(),
  ) {}

  /** Records an SMS owed (queued, once at its key); false when it was recorded before (a retried step). */
  private queueSms(
    key: { pk: string; sk: string },
    fields: Record<string, unknown>,
    now: string,
  ): Promise<boolean> {
    return putIfAbsent(this.db, this.table, { ...key, ...fields, smsStatus: 'queued', createdAt: now });
  }

  /** Records the SMS owed to the coordinator at `level` of the duty roster; false when recorded before. */
  async createCoordinatorAlert(requestId: string, level: number, now: string, round = 1): Promise<boolean> {
    return this.queueSms(
      operationsKeys.coordinatorAlert(requestId, level, round),
      { requestId, level, ...(round === 1 ? {} : { round }) },
      now,
    );
  }

  /** Records the crisis centre's SMS about a request nobody on the roster took; false when recorded before. */
  async createRosterExhaustedAlert(requestId: string, now: string): Promise<boolean> {
    return this.queueSms(operationsKeys.rosterExhausted(requestId), { requestId }, now);
  }

  /** Records the coordinator's SMS about the lifecycle step `state` that failed; false when recorded before. */
  async createLifecycleFailureAlert(requestId: string, state: string, now: string): Promise<boolean> {
    return this.queueSms(operationsKeys.lifecycleFailure(requestId, state), { requestId, state }, now);
  }

  /** Records the shortfall SMS owed to the on-duty coordinator; false when recorded before. */
  async createShortfallAlert(requestId: string, now: string): Promise<boolean> {
    return this.queueSms(operationsKeys.shortfallAlert(requestId), { requestId }, now);
  }

  /** Records the stand-down SMS owed to a volunteer; false when it was recorded before (a retried close step). */
  async createStandDown(requestId: string, volunteerId: string, now: string): Promise<boolean> {
    return this.queueSms(operationsKeys.standDown(requestId, volunteerId), { requestId, volunteerId }, now);
  }

  /**
   * Tells a volunteer who has not answered that every task is filled: records the SMS owed to them, once, with the
   * time on their alert, while they still have not answered. `answered`: they answered first, nothing is owed.
   */
  async recordEnough(
    requestId: string,
    volunteerId: string,
    now: string,
  ): Promise<'released' | 'released-before' | 'answered'> {
    try {
      await this.db.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: this.table,
                Item: {
                  ...operationsKeys.enough(requestId, volunteerId),
                  requestId,
                  volunteerId,
                  smsStatus: 'queued',
                  createdAt: now,
                },
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
            {
              Update: {
                TableName: this.table,
                Key: operationsKeys.alert(requestId, volunteerId),
                UpdateExpression: 'SET releasedAt = :now',
                ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(#response)',
                ExpressionAttributeNames: { '#response': 'response' },
                ExpressionAttributeValues: { ':now': now },
              },
            },
            ...countShardUpdate(this.table, requestId, { released: 1 }),
          ],
        }),
      );
      return 'released';
    } catch (error) {
      const codes = cancellationCodes(error);
      if (codes?.[0] === 'ConditionalCheckFailed') return 'released-before';
      if (codes?.[1] === 'ConditionalCheckFailed') return 'answered';
      throw error;
    }
  }

  /** Records the SMS of a coordinator's update owed to one volunteer; false when recorded before. */
  async createUpdate(
    requestId: string,
    updateId: string,
    volunteerId: string,
    now: string,
  ): Promise<boolean> {
    return this.queueSms(
      operationsKeys.coordinatorUpdate(requestId, updateId, volunteerId),
      { requestId, updateId, volunteerId },
      now,
    );
  }

  /**
   * queued → sending, once: the conditional write that makes a redelivered job a no-op. A claim older than
   * `staleBefore` is taken over, so a dispatcher that crashed between claim and send does not lose the SMS.
   */
  async claimForSending(
    job: SmsJob,
    now: string,
    staleBefore: string,
  ): Promise<{ attempts: number; queuedAt: string } | undefined> {
    try {
      const { Attributes } = await this.db.send(
        new UpdateCommand({
          TableName: this.table,
          Key: smsKey(job),
          UpdateExpression: 'SET smsStatus = :sending, claimedAt = :now',
          ConditionExpression: 'smsStatus = :queued OR (smsStatus = :sending AND claimedAt < :stale)',
          ExpressionAttributeValues: {
            ':sending': 'sending',
            ':queued': 'queued',
            ':now': now,
            ':stale': staleBefore,
          },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return {
        attempts: (Attributes?.attempts as number | undefined) ?? 0,
        // An SMS's lifetime runs from when it was first owed, a retry's too.
        queuedAt: (Attributes?.createdAt as string | undefined) ?? now,
      };
    } catch (error) {
      if (isConditionFailure(error)) return undefined;
      throw error;
    }
  }

  /** sending → sent, together with the pointer from the message id back to this SMS (for its delivery receipt). */
  async markSent(sent: SentSms, now: Date): Promise<boolean> {
    return transactLanded(this.db, [
      {
        Update: {
          TableName: this.table,
          Key: smsKey(sent.job),
          UpdateExpression:
            'SET smsStatus = :sent, sentAt = :now, messageId = :messageId, originationNumber = :from, attempts = :attempt ADD messageIds :messageIds REMOVE claimedAt',
          ConditionExpression: 'smsStatus = :sending',
          ExpressionAttributeValues: {
            ':sent': 'sent',
            ':sending': 'sending',
            ':now': now.toISOString(),
            ':messageId': sent.messageId,
            // Every message id the SMS ever had, so the purge finds each pointer below.
            ':messageIds': new Set([sent.messageId]),
            ':from': sent.originationNumber,
            ':attempt': sent.attempt,
          },
        },
      },
      {
        Put: {
          TableName: this.table,
          Item: {
            ...operationsKeys.sentSms(sent.messageId),
            ...sent,
            job: withoutRecipient(sent.job),
            expiresAt: Math.floor(now.getTime() / 1000) + SENT_SMS_TTL_SECONDS,
          },
          // Unconditional: the provider's message ids are unique, and the alert's condition guards the transition.
        },
      },
    ]);
  }

  async findSent(messageId: string): Promise<SentSms | undefined> {
    const { Item } = await this.db.send(
      new GetCommand({ TableName: this.table, Key: operationsKeys.sentSms(messageId), ConsistentRead: true }),
    );
    return Item ? stripKeys<SentSms>(Item) : undefined;
  }

  /** The SMS record behind a job (a volunteer alert, a stand-down, a coordinator or shortfall SMS). */
  async findSms(job: SmsRef): Promise<Pick<Alert, 'smsStatus' | 'messageId'> | undefined> {
    const { Item } = await this.db.send(
      new GetCommand({ TableName: this.table, Key: smsKey(job), ConsistentRead: true }),
    );
    return Item ? stripKeys<Alert>(Item) : undefined;
  }

  /**
   * sending → delivered for a dry exercise's SMS, which goes into its request's outbox instead of to a phone: the
   * same transition a delivery makes, so the lifecycle sees a dry exercise run as a real one.
   */
  async keepDry(job: SmsJob, kept: OutboxSms & { messageId: string }): Promise<boolean> {
    const { messageId, ...sms } = kept;
    return transactLanded(this.db, [
      {
        Update: {
          TableName: this.table,
          Key: smsKey(job),
          UpdateExpression:
            'SET smsStatus = :delivered, sentAt = :at, deliveredAt = :at, messageId = :messageId, originationNumber = :from, attempts = :one REMOVE claimedAt',
          ConditionExpression: 'smsStatus = :sending',
          ExpressionAttributeValues: {
            ':delivered': 'delivered',
            ':sending': 'sending',
            ':at': sms.at,
            ':messageId': messageId,
            ':from': DRY_ORIGINATION,
            ':one': 1,
          },
        },
      },
      {
        Put: {
          TableName: this.table,
          Item: { ...operationsKeys.outboxSms(job.requestId, sms.at, messageId), ...sms },
        },
      },
    ]);
  }

  /** A page of the request's outbox, oldest first. */
  async outboxPage(requestId: string, limit: number, cursor?: string): Promise<OutboxPage> {
    const { items, next } = await requestItemsPage<OutboxSms>(
      this.db,
      this.table,
      requestId,
      operationsPrefixes.outbox,
      { limit, cursor },
    );
    return next ? { sms: items, next } : { sms: items };
  }

  /** sent → delivered, for the message the receipt is about only: a late or repeated receipt changes nothing. */
  async markDelivered(sent: SentSms, at: string): Promise<boolean> {
    return this.transition(sent.job, {
      UpdateExpression: 'SET smsStatus = :delivered, deliveredAt = :at',
      ConditionExpression: 'smsStatus = :sent AND messageId = :messageId',
      ExpressionAttributeValues: {
        ':delivered': 'delivered',
        ':sent': 'sent',
        ':messageId': sent.messageId,
        ':at': at,
      },
    });
  }

  /**
   * sent → queued (for the retry), failed (for good) or expired (its time to live ran out), for the message the
   * receipt is about only.
   */
  async markDeliveryFailed(
    sent: SentSms,
    next: 'queued' | 'failed' | 'expired',
    at: string,
    reason: string,
  ): Promise<boolean> {
    return this.transition(
      sent.job,
      {
        UpdateExpression: 'SET smsStatus = :next, failedAt = :at, failureReason = :reason',
        ConditionExpression: 'smsStatus = :sent AND messageId = :messageId',
        ExpressionAttributeValues: {
          ':next': next,
          ':sent': 'sent',
          ':messageId': sent.messageId,
          ':at': at,
          ':reason': reason,
        },
      },
      next,
    );
  }

  /** sending → queued after a failed send, so the redelivered job tries again. */
  async release(job: SmsJob): Promise<boolean> {
    return this.transition(job, {
      UpdateExpression: 'SET smsStatus = :queued REMOVE claimedAt',
      ConditionExpression: 'smsStatus = :sending',
      ExpressionAttributeValues: { ':sending': 'sending', ':queued': 'queued' },
    });
  }

  /** sending → expired: its lifetime ran out before it could be sent, so it never will be (it would arrive late). */
  async expire(job: SmsJob, at: string): Promise<boolean> {
    return this.transition(
      job,
      {
        UpdateExpression:
          'SET smsStatus = :expired, failedAt = :at, failureReason = :reason REMOVE claimedAt',
        ConditionExpression: 'smsStatus = :sending',
        ExpressionAttributeValues: {
          ':sending': 'sending',
          ':expired': 'expired',
          ':at': at,
          ':reason': 'expired before it could be sent',
        },
      },
      'expired',
    );
  }

  /** sending → failed: the provider will never send it (a refused country, over the price cap, an invalid number). */
  async refuse(job: SmsJob, at: string, reason: string): Promise<boolean> {
    return this.transition(
      job,
      {
        UpdateExpression: 'SET smsStatus = :failed, failedAt = :at, failureReason = :reason REMOVE claimedAt',
        ConditionExpression: 'smsStatus = :sending',
        ExpressionAttributeValues: {
          ':sending': 'sending',
          ':failed': 'failed',
          ':at': at,
          ':reason': reason,
        },
      },
      'failed',
    );
  }

  /** sending → withheld: the recipient opted out before the SMS went out, so it never will. */
  async withhold(job: SmsJob): Promise<boolean> {
    return this.transition(job, {
      UpdateExpression: 'SET smsStatus = :withheld REMOVE claimedAt',
      ConditionExpression: 'smsStatus = :sending',
      ExpressionAttributeValues: { ':sending': 'sending', ':withheld': 'withheld' },
    });
  }

  /**
   * Moves the SMS at `job`'s key as `update` says. An alert that `reaches` a status for good (failed, expired) lists
   * its volunteer as unreachable: its gsi3 partition key is set with the status.
   */
  private async transition(
    job: SmsRef,
    update: {
      UpdateExpression: string;
      ConditionExpression: string;
      ExpressionAttributeValues: Record<string, unknown>;
    },
    reaches?: SmsStatus,
  ): Promise<boolean> {
    const missed = job.kind === 'alert' && reaches !== undefined && missedRecipient(reaches);
    const [set, remove] = update.UpdateExpression.split(' REMOVE ');
    return landed(
      this.db.send(
        new UpdateCommand({
          TableName: this.table,
          Key: smsKey(job),
          ...update,
          UpdateExpression: `${set}${missed ? ', gsi3pk = :missed' : ''}${remove ? ` REMOVE ${remove}` : ''}`,
          ExpressionAttributeValues: {
            ...update.ExpressionAttributeValues,
            ...(missed ? { ':missed': operationsKeys.missedIndex(job.requestId).gsi3pk } : {}),
          },
        }),
      ),
    );
  }
}
