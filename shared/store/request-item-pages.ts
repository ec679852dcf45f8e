import { type DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod/mini';
import { decodeCursor, encodeCursor } from './cursor';
import { operationsKeys } from './keys/operations-keys';
import { stripKeys } from './keys/strip-keys';

/**
 * One page of the items in a request's partition whose sort key starts with `prefix` (its timeline, its outbox …),
 * keys stripped, in sort-key order or newest first, with the opaque cursor to the page after. A cursor of another
 * request or list is a 400.
 */
export const requestItemsPage = async <T>(
  db: DynamoDBDocumentClient,
  table: string,
  requestId: string,
  prefix: string,
  page: { limit: number; cursor?: string | undefined; newestFirst?: boolean },
): Promise<{ items: T[]; next?: string }> => {
  const pk = operationsKeys.request(requestId).pk;
  const cursorKey = z.strictObject({ pk: z.literal(pk), sk: z.string().check(z.startsWith(prefix)) });
  const { Items = [], LastEvaluatedKey } = await db.send(
    new QueryCommand({
      TableName: table,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': pk, ':prefix': prefix },
      ...(page.newestFirst ? { ScanIndexForward: false } : {}),
      Limit: page.limit,
      ...(page.cursor ? { ExclusiveStartKey: decodeCursor(page.cursor, cursorKey) } : {}),
    }),
  );
  const items = Items.map((item) => stripKeys<T>(item));
  return LastEvaluatedKey ? { items, next: encodeCursor(LastEvaluatedKey) } : { items };
};
