import {
  type DynamoDBDocumentClient,
  PutCommand,
  paginateQuery,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { documentClient } from '../../shared/store/dynamo-client';
import { operationsKeys } from '../../shared/store/keys/operations-keys';
import { tableNames } from '../../shared/store/tables';

/** Every item of one Operations partition whose sort key starts with `prefix`, read consistently. */
export const operationsItems = async (pk: string, prefix = ''): Promise<Record<string, unknown>[]> => {
  const items: Record<string, unknown>[] = [];
  for await (const page of paginateQuery(
    { client: documentClient() },
    {
      TableName: tableNames.operations(),
      ...(prefix
        ? {
            KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
            ExpressionAttributeValues: { ':pk': pk, ':prefix': prefix },
          }
        : { KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': pk } }),
      ConsistentRead: true,
    },
  )) {
    items.push(...(page.Items ?? []));
  }
  return items;
};

const sumOf = (items: Record<string, unknown>[], name: string) =>
  items.reduce((total, item) => total + Number(item[name] ?? 0), 0);

/** The registrations counted on a spontaneous call's shards, added up straight from the items. */
export const registrationsOnShards = async (code: string): Promise<number> =>
  sumOf(await operationsItems(operationsKeys.spontaneousCall(code).pk, 'SHARD#'), 'registrations');

/**
 * A document client that records the key of every item it is asked to put or update (in a transaction or alone),
 * so a test can say how many writes one item took.
 */
export const recordingWrites = (db: DynamoDBDocumentClient = documentClient()) => {
  const writes = new Map<string, number>();
  const record = (table: string | undefined, key: Record<string, unknown> | undefined) => {
    const id = `${table}|${key?.pk}|${key?.sk}`;
    writes.set(id, (writes.get(id) ?? 0) + 1);
  };
  const client = {
    send: (command: unknown) => {
      if (command instanceof TransactWriteCommand) {
        for (const item of command.input.TransactItems ?? []) {
          if (item.Put) record(item.Put.TableName, item.Put.Item);
          if (item.Update) record(item.Update.TableName, item.Update.Key);
        }
      } else if (command instanceof UpdateCommand) {
        record(command.input.TableName, command.input.Key);
      } else if (command instanceof PutCommand) {
        record(command.input.TableName, command.input.Item);
      }
      return db.send(command as never);
    },
  } as unknown as DynamoDBDocumentClient;
  return { client, writes };
};
