import {
  GetCommand,
  paginateQuery,
  QueryCommand,
  type QueryCommandInput,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { Alert } from '../domain/alert';
import { type CountedRequest, spontaneousRegistered } from '../domain/annual-counters';
import { SYSTEM_ACTOR } from '../domain/audit';
import { randomShard, shardCap, shardsFrom, shardsWithRoom } from '../domain/counter-shards';
import { Conflict } from '../domain/errors';
import type { Identity } from '../domain/identity';
import { SPONTANEOUS_TTL_DAYS, spontaneousCallFull } from '../domain/spontaneous';
import type { Deployment } from '../schemas/deployment';
import type { HelpRequest, PurgeReceipt, SpontaneousTotals } from '../schemas/help-request';
import type { SpontaneousVolunteer } from '../schemas/spontaneous';
import { alertItem } from './alert-item';
import { counterUpdates } from './annual-counter-repository';
import { auditPut } from './audit-log';
import {
  batchWriteAll,
  cancellationCodes,
  documentClient,
  landed,
  retryingConflicts,
  transactLanded,
} from './dynamo-client';
import { adHocKeys, adHocPrefixes } from './keys/ad-hoc-keys';
import { operationsKeys, operationsPrefixes as p } from './keys/operations-keys';
import { stripKeys } from './keys/strip-keys';
import { countShardUpdate } from './request-counters';
import { tableNames } from './tables';

const PUBLIC: Identity = { sub: 'public', roles: [] };
/** Tries of a registration colliding with a concurrent one; a surge collides more than other writes. */
const SURGE_CONFLICT_ATTEMPTS = 5;

type Key = { pk: string; sk: string };

/** Everything stored about one request's spontaneous volunteers, by table, as the purge must delete it. */
export interface AdHocFootprint {
  volunteers: SpontaneousVolunteer[];
  alerts: Alert[];
  adHoc: { registrations: Key[]; phoneEntries: Key[] };
  operations: {
    alerts: Key[];
    standDowns: Key[];
    enoughNotices: Key[];
    deployments: Key[];
    timelineEntries: Key[];
    coordinatorUpdates: Key[];
    sentSmsPointers: Key[];
    callPointers: Key[];
  };
  deployments: Pick<Deployment, 'volunteerId' | 'minutes' | 'periods'>[];
}

const epochSeconds = (iso: string, plusDays: number) =>
  Math.floor(Date.parse(iso) / 1000) + plusDays * 24 * 3600;

/**
 * Spontaneous volunteers and their call. The people live only in the AdHoc table (a record under the request, a
 * phone entry for inbound replies, both with a TTL backstop); their alerts sit beside the members' in Operations,
 * marked `spontaneous`, so replies, check-ins and the stand-down treat them alike. The purge finds all of it here.
 */
export class AdHocRepository {
  constructor(private readonly db = documentClient()) {}

  /** Read on use: a function that only reads the purge receipt is not told the AdHoc table at all. */
  private get table(): string {
    return tableNames.adHoc();
  }

  /**
   * The request behind a call's public code, and the cap under which the call was marked full, if it was: a full
   * call is refused on this read alone, not by a transaction on each of its shards.
   */
  async callForCode(code: string): Promise<{ requestId: string; fullAtCap?: number } | undefined> {
    const { Item } = await this.db.send(
      new GetCommand({ TableName: tableNames.operations(), Key: operationsKeys.spontaneousCall(code) }),
    );
    if (!Item) return undefined;
    const fullAtCap = Item.fullAtCap as number | undefined;
    return { requestId: Item.requestId as string, ...(fullAtCap === undefined ? {} : { fullAtCap }) };
  }

  /**
   * Registers a citizen for one request with their alert (if any task fits them), atomically, while the request is
   * open. The same phone registering again for the same request gets the first registration back, and nothing is
   * written (`created: false`): its phone entry fails the transaction, so a new citizen costs no read first.
   * The call's cap is split over shards, each with its part: a registration starts at a random shard and moves on
   * while the one it tried is full; only when every shard is full is the call full, and it is marked so.
   */
  async register(
    volunteer: SpontaneousVolunteer,
    alert: Alert | undefined,
    /** The request's municipality, whose yearly counters count the registration (numbers only), as a drill's if it is one. */
    countedIn: CountedRequest & { municipality: string },
    /** The call's code and how many registrations it takes: its shards count them. */
    call: { code: string; cap: number },
  ): Promise<{ volunteer: SpontaneousVolunteer; created: boolean; alert?: Alert }> {
    let shards = shardsWithRoom(call.cap, shardsFrom(randomShard()));
    while (shards.length > 0) {
      const [shard, ...next] = shards as [number, ...number[]];
      const registered = await this.registerOnShard(volunteer, alert, countedIn, {
        code: call.code,
        shard,
        cap: shardCap(call.cap, shard),
      });
      if (registered) return registered;
      // That shard is full: one read says which of the next still have room, so a filling call costs no
      // transaction per full shard. A shard read full stays full, so none is skipped that could still take one.
      shards = await this.callShardsWithRoom(call, next);
    }
    await this.markFull(call);
    throw spontaneousCallFull(call.cap);
  }

  /** Of `shards`, those of the call whose part of the cap is not taken yet, read consistently in one query. */
  private async callShardsWithRoom(call: { code: string; cap: number }, shards: number[]): Promise<number[]> {
    if (shards.length === 0) return [];
    // The pointer and at most 16 small shards: one page.
    const { Items = [] } = await this.db.send(
      new QueryCommand({
        TableName: tableNames.operations(),
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': operationsKeys.spontaneousCall(call.code).pk },
        ConsistentRead: true,
      }),
    );
    const registrations = new Map(Items.map((item) => [item.sk as string, Number(item.registrations ?? 0)]));
    return shardsWithRoom(
      call.cap,
      shards,
      (shard) => registrations.get(operationsKeys.spontaneousCallShard(call.code, shard).sk) ?? 0,
    );
  }

  /** One try of a registration on one shard of the call: undefined when that shard is full. */
  private async registerOnShard(
    volunteer: SpontaneousVolunteer,
    alert: Alert | undefined,
    countedIn: CountedRequest & { municipality: string },
    call: { code: string; shard: number; cap: number },
  ): Promise<{ volunteer: SpontaneousVolunteer; created: boolean; alert?: Alert } | undefined> {
    const operations = tableNames.operations();
    const expiresAt = epochSeconds(volunteer.registeredAt, SPONTANEOUS_TTL_DAYS);
    try {
      // A surge of registrations may still collide on a shard or the yearly counters: a collision is tried again.
      const send = () =>
        this.db.send(
          new TransactWriteCommand({
            TransactItems: [
              // First: the request is open and has its call. Only checked: its counts move on shards of their own.
              {
                ConditionCheck: {
                  TableName: operations,
                  Key: operationsKeys.request(volunteer.requestId),
                  ConditionExpression: 'attribute_exists(spontaneousCall) AND #status <> :closed',
                  ExpressionAttributeNames: { '#status': 'status' },
                  ExpressionAttributeValues: { ':closed': 'closed' },
                },
              },
              {
                Put: {
                  TableName: this.table,
                  Item: {
                    ...adHocKeys.spontaneousPhone(volunteer.phone, volunteer.requestId),
                    volunteerId: volunteer.id,
                    requestId: volunteer.requestId,
                    expiresAt,
                  },
                  ConditionExpression: 'attribute_not_exists(pk)',
                },
              },
              // The call's registrations, on one shard with its part of the cap: a full shard refuses.
              {
                Update: {
                  TableName: operations,
                  Key: operationsKeys.spontaneousCallShard(call.code, call.shard),
                  UpdateExpression: 'ADD registrations :one',
                  ConditionExpression: 'attribute_not_exists(registrations) OR registrations < :cap',
                  ExpressionAttributeValues: { ':one': 1, ':cap': call.cap },
                },
              },
              {
                Put: {
                  TableName: this.table,
                  Item: {
                    ...adHocKeys.spontaneousVolunteer(volunteer.requestId, volunteer.id),
                    ...volunteer,
                    expiresAt,
                  },
                  ConditionExpression: 'attribute_not_exists(pk)',
                },
              },
              ...(alert
                ? [
                    {
                      Put: {
                        TableName: operations,
                        Item: { ...alertItem(alert), expiresAt },
                        ConditionExpression: 'attribute_not_exists(pk)',
                      },
                    },
                    ...countShardUpdate(operations, volunteer.requestId, { alerted: 1 }),
                  ]
                : []),
              // The trail names the request, never the person: the purge cannot (and need not) touch the audit table.
              auditPut(
                PUBLIC,
                'spontaneous.registered',
                'help-request',
                volunteer.requestId,
                volunteer.registeredAt,
              ),
              ...counterUpdates(
                operations,
                countedIn.municipality,
                spontaneousRegistered(volunteer.registeredAt, volunteer.minor, countedIn),
              ),
            ],
          }),
        );
      await retryingConflicts(send, SURGE_CONFLICT_ATTEMPTS);
      return { volunteer, created: true, ...(alert ? { alert } : {}) };
    } catch (error) {
      const codes = cancellationCodes(error);
      if (codes?.[0] === 'ConditionalCheckFailed') throw new Conflict('the help request is closed');
      // Before the repeat: a full call answers a known and an unknown phone alike.
      if (codes?.[2] === 'ConditionalCheckFailed') return undefined;
      if (codes?.[1] === 'ConditionalCheckFailed') {
        const first = await this.findForRequest(volunteer.phone, volunteer.requestId);
        if (first) return { ...first, created: false };
      }
      throw error;
    }
  }

  /** Marks the call full under `cap` on its pointer, so further registrations are refused on the read of the code. */
  private async markFull(call: { code: string; cap: number }): Promise<void> {
    await landed(
      this.db.send(
        new UpdateCommand({
          TableName: tableNames.operations(),
          Key: operationsKeys.spontaneousCall(call.code),
          UpdateExpression: 'SET fullAtCap = :cap',
          ConditionExpression:
            'attribute_exists(pk) AND (attribute_not_exists(fullAtCap) OR fullAtCap < :cap)',
          ExpressionAttributeValues: { ':cap': call.cap },
        }),
      ),
    );
  }

  async get(requestId: string, volunteerId: string): Promise<SpontaneousVolunteer | undefined> {
    const { Item } = await this.db.send(
      new GetCommand({
        TableName: this.table,
        Key: adHocKeys.spontaneousVolunteer(requestId, volunteerId),
        ConsistentRead: true,
      }),
    );
    return Item ? stripKeys<SpontaneousVolunteer>(Item) : undefined;
  }

  /** STOP from a spontaneous volunteer: no further SMS about this request. False when opted out before. */
  async optOut(requestId: string, volunteerId: string, now: string): Promise<boolean> {
    return landed(
      this.db.send(
        new UpdateCommand({
          TableName: this.table,
          Key: adHocKeys.spontaneousVolunteer(requestId, volunteerId),
          UpdateExpression: 'SET optedOutAt = :now',
          ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(optedOutAt)',
          ExpressionAttributeValues: { ':now': now },
        }),
      ),
    );
  }

  /** Every registration of one phone number (one per request it registered for). */
  async findByPhone(phone: string): Promise<SpontaneousVolunteer[]> {
    const entries = await this.query(this.table, {
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': adHocKeys.spontaneousPhone(phone, '').pk },
    });
    const found = await Promise.all(
      entries.map((entry) => this.get(entry.requestId as string, entry.volunteerId as string)),
    );
    return found.filter((v): v is SpontaneousVolunteer => v !== undefined);
  }

  async listForRequest(requestId: string): Promise<SpontaneousVolunteer[]> {
    const items = await this.query(this.table, {
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :spont)',
      ExpressionAttributeValues: {
        ':pk': adHocKeys.spontaneousVolunteer(requestId, '').pk,
        ':spont': adHocPrefixes.spontaneousVolunteer,
      },
    });
    return items.map((item) => stripKeys<SpontaneousVolunteer>(item));
  }

  async receipt(requestId: string): Promise<PurgeReceipt | undefined> {
    const { Item } = await this.db.send(
      new GetCommand({
        TableName: tableNames.operations(),
        Key: operationsKeys.purgeReceipt(requestId),
        ConsistentRead: true,
      }),
    );
    if (!Item) return undefined;
    const { requestId: _id, ...receipt } = stripKeys<PurgeReceipt & { requestId: string }>(Item);
    return receipt;
  }

  /** Every item that is about this request's spontaneous volunteers, in both tables, and the call's items. */
  async footprint(request: Pick<HelpRequest, 'id' | 'spontaneousCall'>): Promise<AdHocFootprint> {
    const volunteers = await this.listForRequest(request.id);
    const operationsItems = await this.query(tableNames.operations(), {
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': operationsKeys.request(request.id).pk },
    });
    const alerts = operationsItems
      .filter((item) => String(item.sk).startsWith(p.alert) && item.spontaneous === true)
      .map((item) => stripKeys<Alert>(item));
    // An alert marked spontaneous names one of them even if their AdHoc record went first (a crashed purge).
    const ids = new Set([...volunteers.map((v) => v.id), ...alerts.map((a) => a.volunteerId)]);
    const theirItems = (prefix: string) =>
      operationsItems.filter(
        (item) => String(item.sk).startsWith(prefix) && ids.has(item.volunteerId as string),
      );
    const theirs = (prefix: string) =>
      theirItems(prefix).map((item) => ({ pk: item.pk as string, sk: item.sk as string }));
    // The delivery receipts' pointers name the volunteer too; each SMS lists every message id it went out under.
    const sentSmsPointers = [p.alert, p.standDown, p.enough, p.coordinatorUpdate]
      .flatMap(theirItems)
      .flatMap((item) => [...((item.messageIds as Set<string> | undefined) ?? [])])
      .map((messageId) => operationsKeys.sentSms(messageId));
    // The call's pointer and its registration shards: its whole partition.
    const code = request.spontaneousCall?.code;
    const callItems = code
      ? await this.query(tableNames.operations(), {
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': operationsKeys.spontaneousCall(code).pk },
        })
      : [];
    return {
      volunteers,
      alerts,
      adHoc: {
        registrations: volunteers.map((v) => adHocKeys.spontaneousVolunteer(request.id, v.id)),
        phoneEntries: volunteers.map((v) => adHocKeys.spontaneousPhone(v.phone, request.id)),
      },
      operations: {
        alerts: theirs(p.alert),
        standDowns: theirs(p.standDown),
        enoughNotices: theirs(p.enough),
        deployments: theirs(p.deployment),
        timelineEntries: theirs(p.timeline),
        coordinatorUpdates: theirs(p.coordinatorUpdate),
        sentSmsPointers,
        callPointers: callItems.map((item) => ({ pk: item.pk as string, sk: item.sk as string })),
      },
      deployments: operationsItems
        .filter((item) => String(item.sk).startsWith(p.deployment) && ids.has(item.volunteerId as string))
        .map((item) => ({
          volunteerId: item.volunteerId as string,
          minutes: Number(item.minutes ?? 0),
          periods: (item.periods as Deployment['periods']) ?? [],
        })),
    };
  }

  /**
   * Stores the receipt and the anonymous totals on the request with the audit entry, once: false when a receipt is
   * there already (a re-run), which is then kept as it is.
   */
  async storeReceipt(requestId: string, receipt: PurgeReceipt, totals: SpontaneousTotals): Promise<boolean> {
    const operations = tableNames.operations();
    return transactLanded(this.db, [
      {
        Put: {
          TableName: operations,
          Item: { ...operationsKeys.purgeReceipt(requestId), requestId, ...receipt },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      {
        Update: {
          TableName: operations,
          Key: operationsKeys.request(requestId),
          UpdateExpression: 'SET spontaneousTotals = :totals',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeValues: { ':totals': totals },
        },
      },
      auditPut(SYSTEM_ACTOR, 'spontaneous.purged', 'help-request', requestId, receipt.purgedAt),
    ]);
  }

  /** Deletes the footprint; deleting what is gone already is a no-op, so a re-run finishes a crashed purge. */
  async deleteFootprint(footprint: AdHocFootprint): Promise<void> {
    await this.deleteAll(this.table, [...footprint.adHoc.registrations, ...footprint.adHoc.phoneEntries]);
    await this.deleteAll(tableNames.operations(), Object.values(footprint.operations).flat());
  }

  private async deleteAll(table: string, itemKeys: Key[]): Promise<void> {
    await batchWriteAll(
      this.db,
      table,
      itemKeys.map((Key) => ({ DeleteRequest: { Key } })),
    );
  }

  private async findForRequest(
    phone: string,
    requestId: string,
  ): Promise<{ volunteer: SpontaneousVolunteer; alert?: Alert } | undefined> {
    const { Item } = await this.db.send(
      new GetCommand({
        TableName: this.table,
        Key: adHocKeys.spontaneousPhone(phone, requestId),
        ConsistentRead: true,
      }),
    );
    const volunteer = Item ? await this.get(requestId, Item.volunteerId as string) : undefined;
    if (!volunteer) return undefined;
    const { Item: alert } = await this.db.send(
      new GetCommand({
        TableName: tableNames.operations(),
        Key: operationsKeys.alert(requestId, volunteer.id),
        ConsistentRead: true,
      }),
    );
    return alert ? { volunteer, alert: stripKeys<Alert>(alert) } : { volunteer };
  }

  private async query(
    table: string,
    input: Omit<QueryCommandInput, 'TableName'>,
  ): Promise<Record<string, unknown>[]> {
    const items: Record<string, unknown>[] = [];
    for await (const page of paginateQuery(
      { client: this.db },
      { TableName: table, ConsistentRead: true, ...input },
    )) {
      items.push(...(page.Items ?? []));
    }
    return items;
  }
}
