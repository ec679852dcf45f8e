import { randomShard } from '../domain/counter-shards';
import { addCounters } from './add-counters';
import type { TransactItems } from './dynamo-client';
import { operationsKeys } from './keys/operations-keys';

/** The counts a request keeps in its shards; everything else of `counts` stays on the request item. */
export const SHARDED_COUNTS = ['alerted', 'declined', 'reserve', 'released'] as const;
export type ShardedCount = (typeof SHARDED_COUNTS)[number];
export type ShardedCounts = Record<ShardedCount, number>;

/** The write that moves a request's sharded counts, on a shard picked at random; none when nothing moves. */
export const countShardUpdate = (
  table: string,
  requestId: string,
  moves: Partial<Record<ShardedCount, number>>,
): TransactItems => {
  const moved = Object.fromEntries(Object.entries(moves).filter(([, n]) => n)) as Record<string, number>;
  return Object.keys(moved).length
    ? [addCounters(table, operationsKeys.requestCounter(requestId, randomShard()), moved)]
    : [];
};

/** The shards' counts added up (a shard holds only the counts written to it). */
export const sumShards = (shards: readonly Record<string, unknown>[]): ShardedCounts => {
  const total = Object.fromEntries(SHARDED_COUNTS.map((name) => [name, 0])) as ShardedCounts;
  for (const shard of shards) for (const name of SHARDED_COUNTS) total[name] += Number(shard[name] ?? 0);
  return total;
};
