import {
  BatchGetCommand,
  DeleteCommand,
  GetCommand,
  paginateQuery,
  QueryCommand,
  type QueryCommandInput,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import pMap from 'p-map';
import * as z from 'zod/mini';
import { inBatches } from '../batches';
import { type Alert, type Answer, answerOutcome, countMoves } from '../domain/alert';
import type { Task } from '../schemas/common';
import { alertItem, type MISSED_ALERT_ATTRIBUTES } from './alert-item';
import { decodeCursor, encodeCursor } from './cursor';
import {
  BATCH_GET_KEYS,
  batchWriteAll,
  cancellationCodes,
  documentClient,
  isConditionFailure,
  putIfAbsent,
  retryingConflicts,
  untilProcessed,
} from './dynamo-client';
import { operationsKeys, operationsPrefixes } from './keys/operations-keys';
import { stripKeys } from './keys/strip-keys';
import { countShardUpdate } from './request-counters';
import { tableNames } from './tables';

const WRITE_CONCURRENCY = 25;
/** DynamoDB's limit of items per transaction, and the transactions a mobilisation keeps in flight. */
const TRANSACTION_ITEMS = 100;
const TRANSACTIONS_IN_FLIGHT = 4;
const CONFLICT_RETRIES = 4;
/** BatchGetItem calls in flight when one read needs several. */
const READS_IN_FLIGHT = 4;
/** A week: SNS gives up redelivering within hours. */
const INBOUND_MARKER_SECONDS = 7 * 24 * 3600;

/** What the unreachable listing (gsi3) keeps of an alert. */
export type MissedAlert = Pick<Alert, (typeof MISSED_ALERT_ATTRIBUTES)[number]>;

/** The request's unreachable volunteers on gsi3, of one corps when `municipality` is given. */
const missedQuery = (partition: string, municipality?: string) => ({
  KeyConditionExpression: municipality ? 'gsi3pk = :pk AND begins_with(gsi3sk, :corps)' : 'gsi3pk = :pk',
  ExpressionAttributeValues: { ':pk': partition, ...(municipality ? { ':corps': `${municipality}#` } : {}) },
});

/**
 * The alerts of a request (one per volunteer), their answers and notes, and the markers of the replies to inbound
 * SMS. The SMS an alert carries moves through the SMS ledger (`SmsLedgerRepository`), on the same item.
 */
export class AlertRepository {
  constructor(
    private readonly db = documentClient(),
    private readonly table = tableNames.operations(),
  ) {}

  /** One alert per volunteer per request: existing alerts are left as they are. Returns how many were new. */
  async createMany(alerts: Alert[]): Promise<number> {
    const created = await pMap(inBatches(alerts, TRANSACTION_ITEMS), (chunk) => this.createChunk(chunk), {
      concurrency: TRANSACTIONS_IN_FLIGHT,
    });
    return created.reduce((sum, count) => sum + count, 0);
  }

  /**
   * A hundred conditional puts in one transaction: a mass mobilisation writes thousands of alerts, and one call per
   * alert is several times slower. When one of them exists already (a retried step, a concurrent widening), the
   * chunk is written alert by alert, each still conditional.
   */
  private async createChunk(alerts: Alert[]): Promise<number> {
    const items = alerts.map(alertItem);
    try {
      await this.db.send(
        new TransactWriteCommand({
          TransactItems: items.map((Item) => ({
            Put: { TableName: this.table, Item, ConditionExpression: 'attribute_not_exists(pk)' },
          })),
        }),
      );
      return items.length;
    } catch (error) {
      if (!cancellationCodes(error)) throw error;
      const written = await pMap(items, (item) => putIfAbsent(this.db, this.table, item), {
        concurrency: WRITE_CONCURRENCY,
      });
      return written.filter(Boolean).length;
    }
  }

  /**
   * Writes alerts that do not exist, in batches and without conditions: only for the one writer of these
   * volunteers' alerts for the request (an activation's corps step), which knows that none of them exists.
   */
  async createAbsent(alerts: Alert[]): Promise<number> {
    await batchWriteAll(
      this.db,
      this.table,
      alerts.map((alert) => ({ PutRequest: { Item: alertItem(alert) } })),
      { concurrency: TRANSACTIONS_IN_FLIGHT },
    );
    return alerts.length;
  }

  /** Per volunteer, the reply codes of their alerts for these requests. */
  async codesOf(
    requestIds: readonly string[],
    volunteerIds: readonly string[],
  ): Promise<Map<string, Set<string>>> {
    const volunteers = [...new Set(volunteerIds)];
    const items = await this.consistentItems(
      requestIds.flatMap((requestId) => volunteers.map((id) => operationsKeys.alert(requestId, id))),
      'volunteerId, code',
    );
    const codes = new Map<string, Set<string>>();
    for (const { volunteerId, code } of items)
      codes.set(volunteerId as string, (codes.get(volunteerId as string) ?? new Set()).add(code as string));
    return codes;
  }

  async listForRequest(requestId: string): Promise<Alert[]> {
    return this.queryAll({
      TableName: this.table,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :alert)',
      ExpressionAttributeValues: {
        ':pk': operationsKeys.request(requestId).pk,
        ':alert': operationsPrefixes.alert,
      },
    });
  }

  /**
   * How many members the lifecycle alerted for the request, read after every write before it (strongly
   * consistent); the spontaneous volunteers' alerts are counted as they register, and an activation's as each of its
   * corps is counted in, on the request's shards.
   */
  async countForRequest(requestId: string): Promise<number> {
    let count = 0;
    for await (const page of paginateQuery(
      { client: this.db },
      {
        TableName: this.table,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :alert)',
        ExpressionAttributeValues: {
          ':pk': operationsKeys.request(requestId).pk,
          ':alert': operationsPrefixes.alert,
        },
        FilterExpression: 'attribute_not_exists(spontaneous) AND attribute_not_exists(activationId)',
        Select: 'COUNT',
        ConsistentRead: true,
      },
    )) {
      count += page.Count ?? 0;
    }
    return count;
  }

  async listForVolunteer(volunteerId: string): Promise<Alert[]> {
    return this.queryAll({
      TableName: this.table,
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk AND begins_with(gsi1sk, :alert)',
      ExpressionAttributeValues: {
        ':pk': operationsKeys.alertIndex(volunteerId, '').gsi1pk,
        ':alert': operationsPrefixes.alert,
      },
    });
  }

  /**
   * Records a volunteer's answer with the request's counters and a timeline entry, atomically. An acceptance fills
   * `task`, only while that task still lacks volunteers: `task-full` when it filled up meanwhile, so the caller
   * assigns again. `answerOutcome` decides what the answer does (a repeat or an older answer changes nothing); the
   * write is conditional on the answer it was decided against, and decides again when another landed meanwhile.
   */
  async recordAnswer(
    alert: Alert,
    answer: Answer,
    at: string,
    note: string | undefined,
    task?: Task,
  ): Promise<'recorded' | 'unchanged' | 'task-full'> {
    const decided = answerOutcome(alert, answer, at, task);
    if (decided.outcome !== 'apply') return 'unchanged';
    const { previous, filled, vacated } = decided;
    const moves = countMoves(alert, answer, previous);
    const { accepted, ...shared } = moves;
    const removed = [...(note ? [] : ['note']), ...(filled ? [] : ['task'])];
    const answered = operationsKeys.answeredIndex(alert.requestId, at, alert.volunteerId);
    // Without a previous answer the release matters (it is counted back): the write holds only while it is as read.
    const releaseAsRead = previous
      ? ''
      : alert.releasedAt
        ? ' AND attribute_exists(releasedAt)'
        : ' AND attribute_not_exists(releasedAt)';
    const alertUpdate = {
      Update: {
        TableName: this.table,
        Key: operationsKeys.alert(alert.requestId, alert.volunteerId),
        UpdateExpression: `SET #response = :answer, respondedAt = :at, gsi2pk = :answers, gsi2sk = :answered${
          note ? ', note = :note' : ''
        }${filled ? ', task = :task' : ''}${removed.length ? ` REMOVE ${removed.join(', ')}` : ''}`,
        ConditionExpression: `${previous ? '#response = :previous' : 'attribute_not_exists(#response)'}${releaseAsRead}`,
        ExpressionAttributeNames: { '#response': 'response' },
        ExpressionAttributeValues: {
          ':answer': answer,
          ':at': at,
          ':answers': answered.gsi2pk,
          ':answered': answered.gsi2sk,
          ...(note ? { ':note': note } : {}),
          ...(filled ? { ':task': filled } : {}),
          ...(previous ? { ':previous': previous } : {}),
        },
      },
    };
    // Acceptances stay on the request, whose per-task condition must see one number (they are as few as the tasks
    // need); every other count goes to a shard (`countShardUpdate`).
    const names = { ...(filled ? { '#filled': filled } : {}), ...(vacated ? { '#vacated': vacated } : {}) };
    const requestUpdate = accepted
      ? {
          Update: {
            TableName: this.table,
            Key: operationsKeys.request(alert.requestId),
            // The first acceptance stays on the request: the yearly report's time to first acceptance.
            UpdateExpression: `ADD ${[
              'counts.accepted :accepted',
              ...(filled ? ['counts.byTask.#filled.accepted :one'] : []),
              ...(vacated ? ['counts.byTask.#vacated.accepted :minusOne'] : []),
            ].join(
              ', ',
            )}${answer === 'accepted' ? ' SET firstAcceptedAt = if_not_exists(firstAcceptedAt, :at)' : ''}`,
            // A task takes no more acceptances than it needs, whatever number of answers arrive at once.
            ...(filled
              ? { ConditionExpression: 'counts.byTask.#filled.accepted < counts.byTask.#filled.needed' }
              : {}),
            ...(filled || vacated ? { ExpressionAttributeNames: names } : {}),
            ExpressionAttributeValues: {
              ':accepted': accepted,
              ...(filled ? { ':one': 1 } : {}),
              ...(vacated ? { ':minusOne': -1 } : {}),
              ...(answer === 'accepted' ? { ':at': at } : {}),
            },
          },
        }
      : undefined;
    const items = [
      alertUpdate,
      ...(requestUpdate ? [requestUpdate] : []),
      ...countShardUpdate(this.table, alert.requestId, shared),
      {
        Put: {
          TableName: this.table,
          Item: {
            ...operationsKeys.timeline(alert.requestId, at, `${alert.volunteerId}#${answer}`),
            at,
            type: `alert-${answer}`,
            // The note stays on the alert only, where an erasure finds it.
            volunteerId: alert.volunteerId,
            ...(filled ? { task: filled } : {}),
          },
        },
      },
    ];
    try {
      await retryingConflicts(
        () => this.db.send(new TransactWriteCommand({ TransactItems: items })),
        CONFLICT_RETRIES,
      );
      return 'recorded';
    } catch (error) {
      if (requestUpdate && cancellationCodes(error)?.[1] === 'ConditionalCheckFailed') return 'task-full';
      // Another answer (or the release) landed since `alert` was read: decide again against what is stored now.
      if (isConditionFailure(error)) {
        const current = await this.get(alert.requestId, alert.volunteerId);
        return current ? this.recordAnswer(current, answer, at, note, task) : 'unchanged';
      }
      throw error;
    }
  }

  /** One page of the request's answers, latest first; `cursor` is the `next` of the page before. */
  async answeredPage(
    requestId: string,
    limit: number,
    cursor?: string,
  ): Promise<{ alerts: Alert[]; next?: string }> {
    const partition = operationsKeys.answeredIndex(requestId, '', '').gsi2pk;
    return this.indexPage(
      {
        TableName: this.table,
        IndexName: 'gsi2',
        KeyConditionExpression: 'gsi2pk = :pk',
        ExpressionAttributeValues: { ':pk': partition },
        ScanIndexForward: false,
        Limit: limit,
      },
      cursor,
      { gsi2pk: z.literal(partition), gsi2sk: z.string() },
    );
  }

  /**
   * One page of the request's unreachable volunteers by corps (of one corps with `municipality`), from gsi3, which
   * keeps only what the listing shows of them.
   */
  async missedPage(
    requestId: string,
    options: { municipality?: string; limit: number; cursor?: string },
  ): Promise<{ alerts: MissedAlert[]; next?: string }> {
    const partition = operationsKeys.missedIndex(requestId).gsi3pk;
    return this.indexPage(
      {
        TableName: this.table,
        IndexName: 'gsi3',
        ...missedQuery(partition, options.municipality),
        Limit: options.limit,
      },
      options.cursor,
      { gsi3pk: z.literal(partition), gsi3sk: z.string() },
    );
  }

  /** How many of the request's volunteers are unreachable (of one corps with `municipality`). */
  async missedCount(requestId: string, municipality?: string): Promise<number> {
    let count = 0;
    const query = {
      TableName: this.table,
      IndexName: 'gsi3',
      ...missedQuery(operationsKeys.missedIndex(requestId).gsi3pk, municipality),
      Select: 'COUNT' as const,
    };
    for await (const page of paginateQuery({ client: this.db }, query)) count += page.Count ?? 0;
    return count;
  }

  private async indexPage<T>(
    input: QueryCommandInput,
    cursor: string | undefined,
    indexKey: Record<string, z.ZodMiniType<string>>,
  ): Promise<{ alerts: T[]; next?: string }> {
    const cursorKey = z.strictObject({
      pk: z.string(),
      sk: z.string().check(z.startsWith(operationsPrefixes.alert)),
      ...indexKey,
    });
    const { Items = [], LastEvaluatedKey } = await this.db.send(
      new QueryCommand({
        ...input,
        ...(cursor ? { ExclusiveStartKey: decodeCursor(cursor, cursorKey) } : {}),
      }),
    );
    const alerts = Items.map((item) => stripKeys<T>(item));
    return LastEvaluatedKey ? { alerts, next: encodeCursor(LastEvaluatedKey) } : { alerts };
  }

  /**
   * Claims the one SMS the tool sends back to an inbound message (help text, late-reply text), so a redelivered
   * event gets no second answer; false when it was claimed before. The marker expires long after SNS stops retrying.
   */
  async claimReplyTo(inboundMessageId: string, receivedAt: string): Promise<boolean> {
    return putIfAbsent(this.db, this.table, {
      ...operationsKeys.inbound(inboundMessageId),
      receivedAt,
      expiresAt: Math.floor(Date.parse(receivedAt) / 1000) + INBOUND_MARKER_SECONDS,
    });
  }

  /** Gives a claim back after the answer could not be sent, so the redelivered event tries again. */
  async releaseReplyTo(inboundMessageId: string): Promise<void> {
    await this.db.send(
      new DeleteCommand({ TableName: this.table, Key: operationsKeys.inbound(inboundMessageId) }),
    );
  }

  /** Erasure: free-text notes a volunteer left with their answers may name people; they go. */
  async forgetNotes(volunteerId: string): Promise<void> {
    const withNotes = (await this.listForVolunteer(volunteerId)).filter((alert) => alert.note !== undefined);
    await Promise.all(
      withNotes.map((alert) =>
        this.db.send(
          new UpdateCommand({
            TableName: this.table,
            Key: operationsKeys.alert(alert.requestId, alert.volunteerId),
            UpdateExpression: 'REMOVE note',
          }),
        ),
      ),
    );
  }

  /**
   * These volunteers' alerts for one request, read after every write before them: what one corps' mobilisation needs
   * to know, without reading the request's every alert (15,000 in a Flanders-wide activation).
   */
  async forVolunteers(requestId: string, volunteerIds: readonly string[]): Promise<Alert[]> {
    const items = await this.consistentItems(
      [...new Set(volunteerIds)].map((id) => operationsKeys.alert(requestId, id)),
    );
    return items.map((item) => stripKeys<Alert>(item));
  }

  /** The items at these keys that exist (all of them, or the attributes `projection` names), read consistently. */
  private async consistentItems(
    keys: Record<string, unknown>[],
    projection?: string,
  ): Promise<Record<string, unknown>[]> {
    const items: Record<string, unknown>[] = [];
    await pMap(
      inBatches(keys, BATCH_GET_KEYS),
      (batch) =>
        untilProcessed<Record<string, unknown>>(batch, async (pending) => {
          const { Responses, UnprocessedKeys } = await this.db.send(
            new BatchGetCommand({
              RequestItems: {
                [this.table]: {
                  Keys: pending,
                  ConsistentRead: true,
                  ...(projection ? { ProjectionExpression: projection } : {}),
                },
              },
            }),
          );
          items.push(...(Responses?.[this.table] ?? []));
          return UnprocessedKeys?.[this.table]?.Keys ?? [];
        }),
      { concurrency: READS_IN_FLIGHT },
    );
    return items;
  }

  /** One volunteer's alert for one request, read after every write before it. */
  async get(requestId: string, volunteerId: string): Promise<Alert | undefined> {
    const { Item } = await this.db.send(
      new GetCommand({
        TableName: this.table,
        Key: operationsKeys.alert(requestId, volunteerId),
        ConsistentRead: true,
      }),
    );
    return Item ? stripKeys<Alert>(Item) : undefined;
  }

  private async queryAll(input: QueryCommandInput) {
    const alerts: Alert[] = [];
    for await (const page of paginateQuery({ client: this.db }, input)) {
      for (const item of page.Items ?? []) alerts.push(stripKeys<Alert>(item));
    }
    return alerts;
  }
}
