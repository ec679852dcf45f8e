import type { TransactItems } from './dynamo-client';

/** An unconditional ADD of `counters` to one item: it rides along with the conditional write it counts. */
export const addCounters = (
  table: string,
  Key: Record<string, string>,
  counters: Record<string, number>,
): TransactItems[number] => {
  const names = Object.keys(counters);
  return {
    Update: {
      TableName: table,
      Key,
      UpdateExpression: `ADD ${names.map((_, i) => `#c${i} :c${i}`).join(', ')}`,
      ExpressionAttributeNames: Object.fromEntries(names.map((name, i) => [`#c${i}`, name])),
      ExpressionAttributeValues: Object.fromEntries(names.map((name, i) => [`:c${i}`, counters[name]])),
    },
  };
};
