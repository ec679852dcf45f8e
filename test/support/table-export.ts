import { type AttributeValue, BatchWriteItemCommand, paginateScan } from '@aws-sdk/client-dynamodb';
import { inject } from 'vitest';
import { localClient } from '../../local/runtime/dynamodb';
import { inBatches } from '../../shared/batches';

/**
 * A table as ExportTableToPointInTime writes it in the DYNAMODB_JSON format: one `{"Item":{…}}` line per item, each
 * attribute with its type (`{"S":"…"}`, `{"N":"…"}`, `{"SS":[…]}`).
 */
export const exportTable = async (tableName: string): Promise<string> => {
  const client = localClient(inject('dynamoEndpoint'));
  const lines: string[] = [];
  for await (const page of paginateScan({ client }, { TableName: tableName, ConsistentRead: true })) {
    for (const item of page.Items ?? []) lines.push(JSON.stringify({ Item: item }));
  }
  client.destroy();
  return lines.map((line) => `${line}\n`).join('');
};

/** Writes an export's items into a (fresh) table, as ImportTable or a restore would bring them back. */
export const importTable = async (exported: string, tableName: string): Promise<void> => {
  const client = localClient(inject('dynamoEndpoint'));
  const items = exported
    .split('\n')
    .filter(Boolean)
    .map((line) => (JSON.parse(line) as { Item: Record<string, AttributeValue> }).Item);
  for (const batch of inBatches(items, 25)) {
    let pending = batch.map((Item) => ({ PutRequest: { Item } }));
    while (pending.length) {
      const { UnprocessedItems } = await client.send(
        new BatchWriteItemCommand({ RequestItems: { [tableName]: pending } }),
      );
      pending = (UnprocessedItems?.[tableName] ?? []) as typeof pending;
    }
  }
  client.destroy();
};
