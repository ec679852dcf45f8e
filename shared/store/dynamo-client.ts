import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  BatchWriteCommand,
  type BatchWriteCommandInput,
  DynamoDBDocumentClient,
  PutCommand,
  TransactWriteCommand,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import pMap from 'p-map';
import { inBatches } from '../batches';
import { once } from '../config';
import { Conflict } from '../domain/errors';
import { backoffDelayMs } from '../domain/origination';

// The endpoint comes from AWS_ENDPOINT_URL_DYNAMODB when set (DynamoDB Local), as the SDK resolves it itself.
export const dynamoClient = once(() => new DynamoDBClient({}));

export const documentClient = once(() =>
  DynamoDBDocumentClient.from(dynamoClient(), {
    marshallOptions: { removeUndefinedValues: true, convertEmptyValues: false },
  }),
);

export const isConditionFailure = (error: unknown): boolean =>
  error instanceof Error &&
  (error.name === 'ConditionalCheckFailedException' ||
    (error.name === 'TransactionCanceledException' && error.message.includes('ConditionalCheckFailed')));

/** Sends a conditional write: true when it landed, false when its condition did not hold. */
export const landed = async (write: Promise<unknown>): Promise<boolean> => {
  try {
    await write;
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
};

/** Writes `item` unless an item is at its key already: true when it was written, false when one was there. */
export const putIfAbsent = (db: DynamoDBDocumentClient, table: string, item: Record<string, unknown>) =>
  landed(
    db.send(
      new PutCommand({ TableName: table, Item: item, ConditionExpression: 'attribute_not_exists(pk)' }),
    ),
  );

/** The per-item reasons of a cancelled transaction, in the order of its items; undefined for any other error. */
export const cancellationCodes = (error: unknown): (string | undefined)[] | undefined =>
  error instanceof Error && error.name === 'TransactionCanceledException'
    ? ((error as { CancellationReasons?: { Code?: string }[] }).CancellationReasons ?? []).map((r) => r.Code)
    : undefined;

export type TransactItems = NonNullable<TransactWriteCommandInput['TransactItems']>;

/** Runs a transaction whose conditions guard one state change: true when it landed, false when one did not hold. */
export const transactLanded = (db: DynamoDBDocumentClient, items: TransactItems): Promise<boolean> =>
  landed(db.send(new TransactWriteCommand({ TransactItems: items })));

/** Awaits a conditional write: a failed condition is a Conflict with `message`. */
const orConflict = async (write: Promise<unknown>, message: string): Promise<void> => {
  try {
    await write;
  } catch (error) {
    if (isConditionFailure(error)) throw new Conflict(message);
    throw error;
  }
};

/** Runs a transaction whose conditions guard one state change: a failed condition is a Conflict with `message`. */
export const transactOrConflict = (
  db: DynamoDBDocumentClient,
  items: TransactItems,
  message: string,
): Promise<void> => orConflict(db.send(new TransactWriteCommand({ TransactItems: items })), message);

/**
 * Waits before try `attempt + 1` of a write that DynamoDB turned away for now (a colliding transaction, items it left
 * unprocessed): exponential backoff with full jitter, so writers that collided do not come back together.
 */
export const backOff = (attempt: number, baseMs: number, capMs: number): Promise<void> =>
  new Promise((resolve) => setTimeout(resolve, backoffDelayMs(attempt, Math.random(), baseMs, capMs)));

/** How often a transaction that collided with a concurrent one on a shared item is tried in all. */
const CONFLICT_ATTEMPTS = 3;

/**
 * Sends a transaction again, after a short random pause, when DynamoDB cancelled it for colliding with a concurrent
 * transaction on a shared item (a counter, a request's counts): it cancels rather than waits.
 */
export const retryingConflicts = async <T>(
  send: () => Promise<T>,
  attempts = CONFLICT_ATTEMPTS,
): Promise<T> => {
  for (let attempt = 1; ; attempt++) {
    try {
      return await send();
    } catch (error) {
      if (!cancellationCodes(error)?.includes('TransactionConflict') || attempt >= attempts) throw error;
      await backOff(attempt, 10, 200);
    }
  }
};

/**
 * Writes new items together, each only if its key is free; if any is taken, nothing is written: Conflict. A
 * transaction conflict on an `alongside` counter shared with concurrent writers is tried again.
 */
export const createTogether = async (
  db: DynamoDBDocumentClient,
  table: string,
  items: Record<string, unknown>[],
  conflictMessage: string,
  /** Unconditional writes that go with the new items (counters). */
  alongside: TransactItems = [],
): Promise<void> => {
  await orConflict(
    retryingConflicts(() =>
      db.send(
        new TransactWriteCommand({
          TransactItems: [
            ...items.map((Item) => ({
              Put: { TableName: table, Item, ConditionExpression: 'attribute_not_exists(pk)' },
            })),
            ...alongside,
          ],
        }),
      ),
    ),
    conflictMessage,
  );
};

/**
 * Sends a batch call, then what DynamoDB left unprocessed again after a growing pause, until nothing is left: `send`
 * answers the part of `pending` that was not processed.
 */
export const untilProcessed = async <T>(batch: T[], send: (pending: T[]) => Promise<T[]>): Promise<void> => {
  let pending = batch;
  for (let attempt = 1; pending.length > 0; attempt++) {
    pending = await send(pending);
    if (pending.length > 0) await backOff(attempt, 50, 1000);
  }
};

/** DynamoDB's limit of keys per BatchGetItem call. */
export const BATCH_GET_KEYS = 100;

/** DynamoDB's limit of requests per BatchWriteItem call. */
const BATCH_WRITE_ITEMS = 25;

type WriteRequest = NonNullable<BatchWriteCommandInput['RequestItems']>[string][number];

/**
 * Puts or deletes items unconditionally, 25 per BatchWriteItem call (`concurrency` calls in flight), sending what
 * DynamoDB left unprocessed again after a growing pause.
 */
export const batchWriteAll = async (
  db: DynamoDBDocumentClient,
  table: string,
  requests: WriteRequest[],
  { concurrency = 1 }: { concurrency?: number } = {},
): Promise<void> => {
  await pMap(
    inBatches(requests, BATCH_WRITE_ITEMS),
    (batch) =>
      untilProcessed(batch, async (pending) => {
        const { UnprocessedItems } = await db.send(
          new BatchWriteCommand({ RequestItems: { [table]: pending } }),
        );
        return UnprocessedItems?.[table] ?? [];
      }),
    { concurrency },
  );
};
