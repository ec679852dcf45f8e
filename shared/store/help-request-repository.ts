import {
  BatchGetCommand,
  DeleteCommand,
  GetCommand,
  PutCommand,
  paginateQuery,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { ulid } from 'ulid';
import * as z from 'zod/mini';
import { inBatches } from '../batches';
import { requestLaunched } from '../domain/annual-counters';
import type { AuditAct } from '../domain/audit';
import { Conflict, NotFound } from '../domain/errors';
import { isDry } from '../domain/exercise';
import type { HelpRequest, HelpRequestStatus, TimelineEntry } from '../schemas/help-request';
import { counterUpdates } from './annual-counter-repository';
import { auditActPut, withAudit } from './audit-log';
import { decodeCursor, encodeCursor } from './cursor';
import {
  BATCH_GET_KEYS,
  createTogether,
  documentClient,
  isConditionFailure,
  landed,
  type TransactItems,
  transactLanded,
  transactOrConflict,
  untilProcessed,
} from './dynamo-client';
import { operationsKeys, operationsPrefixes } from './keys/operations-keys';
import { stripKeys } from './keys/strip-keys';
import { type ShardedCounts, sumShards } from './request-counters';
import { requestItemsPage } from './request-item-pages';
import { tableNames } from './tables';

type StoredRequest = HelpRequest & { closeToken?: string; ackToken?: string; responseToken?: string };

/** A stored request without its keys and the task tokens the lifecycle parks on it. */
const publicRequest = (item: Record<string, unknown>): HelpRequest => {
  const {
    closeToken: _close,
    ackToken: _ack,
    responseToken: _response,
    ...request
  } = stripKeys<StoredRequest>(item);
  return request;
};

/**
 * The request's counts with its shards added: the item keeps what was counted on it before the shards (and the
 * alerted members, raised by each mobilisation), the shards what many writers move at once.
 */
const withShardedCounts = (request: HelpRequest, shards: ShardedCounts): HelpRequest => {
  const reserve = (request.counts.reserve ?? 0) + shards.reserve;
  return {
    ...request,
    counts: {
      ...request.counts,
      alerted: request.counts.alerted + shards.alerted,
      declined: request.counts.declined + shards.declined,
      ...(reserve || request.counts.reserve !== undefined ? { reserve } : {}),
    },
  };
};

/** Which help requests a page lists: one municipality's (gsi1) or every municipality's (gsi2), newest first. */
const listingOf = (municipality: string | undefined) => {
  const [index, partition, sort, value] = municipality
    ? (['gsi1', 'gsi1pk', 'gsi1sk', operationsKeys.requestIndex(municipality, '', '').gsi1pk] as const)
    : (['gsi2', 'gsi2pk', 'gsi2sk', operationsKeys.allRequestsIndex('', '').gsi2pk] as const);
  // The last key of a page, exactly as the index query hands it out: a cursor of another listing does not fit.
  const cursorKey = z.strictObject({
    pk: z.string().check(z.startsWith(operationsPrefixes.request)),
    sk: z.literal(operationsKeys.request('').sk),
    [partition]: z.literal(value),
    [sort]: z.string().check(z.startsWith(operationsPrefixes.request)),
  });
  return { index, partition, sort, value, cursorKey };
};

export class HelpRequestRepository {
  constructor(
    private readonly db = documentClient(),
    private readonly table = tableNames.operations(),
  ) {}

  /** Opens the spontaneous call once: the request gets its code, the code points to the request. False when already open. */
  async openSpontaneousCall(
    requestId: string,
    code: string,
    now: string,
    audit?: AuditAct,
  ): Promise<boolean> {
    return transactLanded(this.db, [
      {
        Update: {
          TableName: this.table,
          Key: operationsKeys.request(requestId),
          UpdateExpression: 'SET spontaneousCall = :call',
          ConditionExpression:
            'attribute_exists(pk) AND attribute_not_exists(spontaneousCall) AND #status <> :closed',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':call': { code, openedAt: now }, ':closed': 'closed' },
        },
      },
      {
        Put: {
          TableName: this.table,
          Item: { ...operationsKeys.spontaneousCall(code), requestId, openedAt: now },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      {
        Put: {
          TableName: this.table,
          Item: {
            ...operationsKeys.timeline(requestId, now, ulid()),
            at: now,
            type: 'spontaneous-call-opened',
          },
        },
      },
      ...withAudit(audit),
    ]);
  }

  /** Stores the request and its first timeline entry together; a second create of the same id is a Conflict. */
  async create(request: HelpRequest, audit?: AuditAct): Promise<void> {
    await createTogether(
      this.db,
      this.table,
      [
        {
          ...operationsKeys.request(request.id),
          ...operationsKeys.requestIndex(request.municipality, request.createdAt, request.id),
          ...operationsKeys.allRequestsIndex(request.createdAt, request.id),
          ...(request.status === 'closed'
            ? {}
            : operationsKeys.openRequestIndex(request.createdAt, request.id)),
          ...request,
        },
        this.timelineItem(request.id, { at: request.createdAt, type: 'requested', channel: request.channel }),
      ],
      `help request ${request.id} already exists`,
      [...counterUpdates(this.table, request.municipality, requestLaunched(request)), ...withAudit(audit)],
    );
  }

  /** The request with its counts added up from its shards, read after every write before it. */
  async get(id: string): Promise<HelpRequest | undefined> {
    return (await this.withTallies(id))?.request;
  }

  /**
   * The request item alone, read after every write before it, its counter shards not added: its needs, scope,
   * status and acceptances (kept on the item), for a step that alerts and needs no totals.
   */
  async getUncounted(id: string): Promise<HelpRequest | undefined> {
    const stored = await this.getStored(id);
    return stored ? publicRequest(stored) : undefined;
  }

  /**
   * The request and the counts kept beside it (its shards, read in the same query): what the view needs besides
   * `counts`, the volunteers told to stand by who have not answered since (`released`).
   */
  async withTallies(id: string): Promise<{ request: HelpRequest; released: number } | undefined> {
    const [item, ...shards] = await this.itemsOf(id, operationsKeys.request(id).sk, true);
    if (!item || item.sk !== operationsKeys.request(id).sk) return undefined;
    const tallies = sumShards(shards);
    return { request: withShardedCounts(publicRequest(item), tallies), released: tallies.released };
  }

  /**
   * Every request not closed yet, from the index of open requests (a few at a time, a few hundred a year). Read from
   * an index, so a request created or closed a moment ago may be missing or still listed.
   */
  async openRequestIds(): Promise<string[]> {
    const ids: string[] = [];
    for await (const page of paginateQuery(
      { client: this.db },
      {
        TableName: this.table,
        IndexName: 'gsi3',
        KeyConditionExpression: 'gsi3pk = :open',
        ExpressionAttributeValues: { ':open': operationsKeys.openRequestIndex('', '').gsi3pk },
        ProjectionExpression: 'pk',
      },
    )) {
      for (const item of page.Items ?? []) ids.push(String(item.pk).slice(operationsPrefixes.request.length));
    }
    return ids;
  }

  /**
   * Which of these requests a volunteer's SMS answer can go to: not closed yet, and not a dry drill, whose alerts
   * reached no phone.
   */
  async answerableIds(ids: readonly string[]): Promise<Set<string>> {
    const open = new Set<string>();
    for (const batch of inBatches([...new Set(ids)], BATCH_GET_KEYS)) {
      await untilProcessed<Record<string, unknown>>(batch.map(operationsKeys.request), async (pending) => {
        const { Responses, UnprocessedKeys } = await this.db.send(
          new BatchGetCommand({
            RequestItems: {
              [this.table]: {
                Keys: pending,
                ProjectionExpression: 'id, #status, exercise, dry',
                ExpressionAttributeNames: { '#status': 'status' },
                ConsistentRead: true,
              },
            },
          }),
        );
        for (const item of Responses?.[this.table] ?? [])
          if (item.status !== 'closed' && !isDry(item)) open.add(item.id as string);
        return UnprocessedKeys?.[this.table]?.Keys ?? [];
      });
    }
    return open;
  }

  /**
   * Newest first, one page, of one municipality or (without one) of every municipality; `cursor` is the opaque `next`
   * of the previous page. The status is a filter: a page may hold fewer than `limit` requests and still have a next.
   */
  async list(options: {
    municipality?: string;
    status?: HelpRequestStatus | 'open';
    limit: number;
    cursor?: string;
  }): Promise<{ helpRequests: HelpRequest[]; next?: string }> {
    const { index, partition, sort, value, cursorKey } = listingOf(options.municipality);
    const filter =
      options.status === 'open'
        ? { FilterExpression: '#status <> :status', ':status': 'closed' }
        : options.status
          ? { FilterExpression: '#status = :status', ':status': options.status }
          : undefined;
    const { Items = [], LastEvaluatedKey } = await this.db.send(
      new QueryCommand({
        TableName: this.table,
        IndexName: index,
        KeyConditionExpression: '#partition = :pk AND begins_with(#sort, :req)',
        ...(filter ? { FilterExpression: filter.FilterExpression } : {}),
        ExpressionAttributeNames: {
          '#partition': partition,
          '#sort': sort,
          ...(filter ? { '#status': 'status' } : {}),
        },
        ExpressionAttributeValues: {
          ':pk': value,
          ':req': operationsPrefixes.request,
          ...(filter ? { ':status': filter[':status'] } : {}),
        },
        ScanIndexForward: false,
        Limit: options.limit,
        ...(options.cursor ? { ExclusiveStartKey: decodeCursor(options.cursor, cursorKey) } : {}),
      }),
    );
    const helpRequests = await Promise.all(
      Items.map(async (item) =>
        withShardedCounts(publicRequest(item), await this.shardTotals(item.id as string)),
      ),
    );
    return LastEvaluatedKey ? { helpRequests, next: encodeCursor(LastEvaluatedKey) } : { helpRequests };
  }

  async timeline(id: string): Promise<TimelineEntry[]> {
    const entries: TimelineEntry[] = [];
    const query = {
      TableName: this.table,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :tl)',
      ExpressionAttributeValues: { ':pk': operationsKeys.request(id).pk, ':tl': operationsPrefixes.timeline },
    };
    for await (const page of paginateQuery({ client: this.db }, query)) {
      for (const item of page.Items ?? []) entries.push(stripKeys<TimelineEntry>(item));
    }
    return entries;
  }

  /**
   * The latest `limit` entries of the timeline before `cursor` (the `earlier` of the page after), oldest first; an
   * `earlier` cursor when older ones exist.
   */
  async timelinePage(
    id: string,
    limit: number,
    cursor?: string,
  ): Promise<{ entries: TimelineEntry[]; earlier?: string }> {
    const { items, next } = await requestItemsPage<TimelineEntry>(
      this.db,
      this.table,
      id,
      operationsPrefixes.timeline,
      { limit, cursor, newestFirst: true },
    );
    const entries = items.reverse();
    return next ? { entries, earlier: next } : { entries };
  }

  /** The request's counter shards added up (a listing reads them beside each request of its page). */
  private async shardTotals(id: string): Promise<ShardedCounts> {
    return sumShards(await this.itemsOf(id, operationsPrefixes.requestCounter, false));
  }

  /** The request's items whose sort key starts with `prefix`: the request and its shards are one page at most. */
  private async itemsOf(id: string, prefix: string, consistent: boolean): Promise<Record<string, unknown>[]> {
    const { Items = [] } = await this.db.send(
      new QueryCommand({
        TableName: this.table,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': operationsKeys.request(id).pk, ':prefix': prefix },
        ConsistentRead: consistent,
      }),
    );
    return Items;
  }

  async appendTimeline(id: string, entry: TimelineEntry): Promise<void> {
    await this.db.send(new PutCommand({ TableName: this.table, Item: this.timelineItem(id, entry) }));
  }

  /** requested → mobilising; a retried step finds it already moved and changes nothing. */
  async markMobilising(id: string): Promise<void> {
    await landed(
      this.db.send(
        new UpdateCommand({
          TableName: this.table,
          Key: operationsKeys.request(id),
          UpdateExpression: 'SET #status = :mobilising',
          ConditionExpression: '#status = :requested',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':mobilising': 'mobilising', ':requested': 'requested' },
        }),
      ),
    );
  }

  /** Adds corps to the scope, once: a retried step finds them there and changes nothing. */
  async widenScope(
    request: HelpRequest,
    add: string[],
    now: string,
    reason: string,
    audit?: AuditAct,
    /** Written in the same transaction (an activation's record). */
    alongside: TransactItems = [],
  ): Promise<boolean> {
    return transactLanded(this.db, [
      ...alongside,
      {
        Update: {
          TableName: this.table,
          Key: operationsKeys.request(request.id),
          UpdateExpression: 'SET #scope = :scope',
          ConditionExpression: '#scope = :previous AND #status <> :closed',
          ExpressionAttributeNames: { '#scope': 'scope', '#status': 'status' },
          ExpressionAttributeValues: {
            ':scope': [...request.scope, ...add],
            ':previous': request.scope,
            ':closed': 'closed',
          },
        },
      },
      {
        Put: {
          TableName: this.table,
          Item: this.timelineItem(request.id, { at: now, type: 'widened', added: add, reason }),
        },
      },
      ...withAudit(audit),
    ]);
  }

  /**
   * Raises the alerted count to `count` (the alerts on record, counted after writing them); never lowers it, so
   * concurrent mobilisations leave the highest count, and a step retried after a crash repairs what it missed.
   */
  async raiseAlerted(id: string, count: number): Promise<void> {
    await landed(
      this.db.send(
        new UpdateCommand({
          TableName: this.table,
          Key: operationsKeys.request(id),
          UpdateExpression: 'SET counts.alerted = :n',
          ConditionExpression: 'counts.alerted < :n',
          ExpressionAttributeValues: { ':n': count },
        }),
      ),
    );
  }

  /**
   * Closes an open request exactly once and hands back the AwaitClose task token stored so far, if any.
   * A request that is already closed is a Conflict, so a retried close never sends the stand-down twice.
   */
  async close(
    id: string,
    closedBy: string,
    now: string,
    audit?: AuditAct,
  ): Promise<{ closeToken?: string; ackToken?: string; responseToken?: string }> {
    await this.transition(
      id,
      {
        // Off the index of open requests: no mobilisation needs to avoid its reply codes any more.
        UpdateExpression: 'SET #status = :closed, closedAt = :now, closedBy = :by REMOVE gsi3pk, gsi3sk',
        ConditionExpression: 'attribute_exists(pk) AND #status <> :closed',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':closed': 'closed', ':now': now, ':by': closedBy },
      },
      { at: now, type: 'closed' },
      'the help request is already closed',
      audit,
    );
    // Once closed, no task can park a token any more, so what is read now is final.
    return this.pendingTokens(id);
  }

  /** Records an act that changes nothing on the request itself (an activation with no corps to add) while it is open. */
  async auditWhileOpen(id: string, audit: AuditAct): Promise<void> {
    await transactOrConflict(
      this.db,
      [
        {
          ConditionCheck: {
            TableName: this.table,
            Key: operationsKeys.request(id),
            ConditionExpression: 'attribute_exists(pk) AND #status <> :closed',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: { ':closed': 'closed' },
          },
        },
        auditActPut(audit),
      ],
      'the help request is closed',
    );
  }

  /** Stores the AwaitClose token unless the request is closed already; false means: resume at once. */
  async storeCloseToken(id: string, token: string): Promise<boolean> {
    return this.parkToken(id, 'closeToken', token, 'attribute_exists(pk) AND #status <> :closed');
  }

  async closeToken(id: string): Promise<string | undefined> {
    return (await this.getStored(id))?.closeToken;
  }

  /** The callback tokens parked on the request: AwaitClose's and the coordinator alert's. */
  async pendingTokens(
    id: string,
  ): Promise<{ closeToken?: string; ackToken?: string; responseToken?: string }> {
    const stored = await this.getStored(id);
    return {
      ...(stored?.closeToken ? { closeToken: stored.closeToken } : {}),
      ...(stored?.ackToken ? { ackToken: stored.ackToken } : {}),
      ...(stored?.responseToken ? { responseToken: stored.responseToken } : {}),
    };
  }

  /** Parks the response window's token unless the request is closed; false: the window ends at once. */
  async storeResponseToken(id: string, token: string): Promise<boolean> {
    return this.parkToken(id, 'responseToken', token, 'attribute_exists(pk) AND #status <> :closed');
  }

  /**
   * The on-duty (or backup) coordinator takes the request, once; hands back the coordinator alert's token so the
   * escalation stops. A second acknowledgement is a Conflict.
   */
  async acknowledge(id: string, by: string, now: string, audit?: AuditAct): Promise<{ ackToken?: string }> {
    await this.transition(
      id,
      {
        UpdateExpression: 'SET acknowledgedAt = :now, acknowledgedBy = :by',
        ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(acknowledgedAt)',
        ExpressionAttributeValues: { ':now': now, ':by': by },
      },
      { at: now, type: 'acknowledged', by },
      'the help request was acknowledged already',
      audit,
    );
    const { ackToken } = await this.pendingTokens(id);
    return ackToken ? { ackToken } : {};
  }

  /** Parks the coordinator alert's token unless the request is acknowledged or closed; false: resume at once. */
  async storeAckToken(id: string, token: string): Promise<boolean> {
    return this.parkToken(
      id,
      'ackToken',
      token,
      'attribute_exists(pk) AND attribute_not_exists(acknowledgedAt) AND #status <> :closed',
    );
  }

  /**
   * Removes a request whose execution could not be started: at that point only its record and first entry exist.
   * The record goes first, with the launch it counted, so a repeated removal counts nothing back twice.
   */
  async remove(id: string, audit?: AuditAct): Promise<void> {
    const request = await this.get(id);
    // Removed before (a retried step): nothing is counted back twice.
    if (request)
      await transactLanded(this.db, [
        {
          Delete: {
            TableName: this.table,
            Key: operationsKeys.request(id),
            ConditionExpression: 'attribute_exists(pk)',
          },
        },
        ...counterUpdates(this.table, request.municipality, requestLaunched(request, -1)),
        ...withAudit(audit),
      ]);
    const { Items = [] } = await this.db.send(
      new QueryCommand({
        TableName: this.table,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': operationsKeys.request(id).pk },
        ProjectionExpression: 'pk, sk',
      }),
    );
    await Promise.all(Items.map((Key) => this.db.send(new DeleteCommand({ TableName: this.table, Key }))));
  }

  /** Parks a callback task's token while `condition` holds; false tells the task to resume at once instead. */
  private async parkToken(
    id: string,
    attribute: 'closeToken' | 'ackToken' | 'responseToken',
    token: string,
    condition: string,
  ): Promise<boolean> {
    return landed(
      this.db.send(
        new UpdateCommand({
          TableName: this.table,
          Key: operationsKeys.request(id),
          UpdateExpression: `SET ${attribute} = :token`,
          ConditionExpression: condition,
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':token': token, ':closed': 'closed' },
        }),
      ),
    );
  }

  /**
   * One state change of the request with its timeline entry, together. A failed condition is NotFound for an
   * unknown id and a Conflict (with `conflict` as its message) otherwise.
   */
  private async transition(
    id: string,
    update: {
      UpdateExpression: string;
      ConditionExpression: string;
      ExpressionAttributeNames?: Record<string, string>;
      ExpressionAttributeValues: Record<string, unknown>;
    },
    entry: TimelineEntry,
    conflict: string,
    audit?: AuditAct,
  ): Promise<void> {
    try {
      await this.db.send(
        new TransactWriteCommand({
          TransactItems: [
            { Update: { TableName: this.table, Key: operationsKeys.request(id), ...update } },
            { Put: { TableName: this.table, Item: this.timelineItem(id, entry) } },
            ...withAudit(audit),
          ],
        }),
      );
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      if (!(await this.getStored(id))) throw new NotFound('help request');
      throw new Conflict(conflict);
    }
  }

  private async getStored(id: string): Promise<StoredRequest | undefined> {
    const { Item } = await this.db.send(
      new GetCommand({ TableName: this.table, Key: operationsKeys.request(id), ConsistentRead: true }),
    );
    return Item ? stripKeys<StoredRequest>(Item) : undefined;
  }

  private timelineItem(id: string, entry: TimelineEntry) {
    return { ...operationsKeys.timeline(id, entry.at, ulid()), ...entry };
  }
}
