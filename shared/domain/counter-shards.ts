/**
 * Counters that many writers move at once are split over shards: DynamoDB takes about 1,000 writes per second on
 * one item, and a surge of 4,000 registrations per second would otherwise queue on one. Each write picks a shard at
 * random and a read adds the shards up, so no shard takes more than a sixteenth of the surge (250 per second).
 */
export const COUNTER_SHARDS = 16;

/** A shard for one write, spread evenly. */
export const randomShard = (random: () => number = Math.random): number =>
  Math.floor(random() * COUNTER_SHARDS) % COUNTER_SHARDS;

/** Shard numbers as fixed-width text, so shard items sort in order under one prefix. */
export const shardSuffix = (shard: number): string => String(shard).padStart(2, '0');

/**
 * A capped count split over shards: shard `shard` takes its part of `cap`, the first `cap % COUNTER_SHARDS` shards
 * one more, so the parts add up to the cap exactly and a full set of shards is a full count.
 */
export const shardCap = (cap: number, shard: number): number =>
  Math.floor(cap / COUNTER_SHARDS) + (shard < cap % COUNTER_SHARDS ? 1 : 0);

/** Every shard once, starting at `first`: where a capped write looks next when its shard is full. */
export const shardsFrom = (first: number): number[] =>
  Array.from({ length: COUNTER_SHARDS }, (_, i) => (first + i) % COUNTER_SHARDS);

/**
 * Of `shards`, in their order, those whose part of `cap` is not all taken by what `counted` read on them (a shard
 * never written has taken nothing): a capped write skips the shards it knows are full.
 */
export const shardsWithRoom = (
  cap: number,
  shards: readonly number[],
  counted: (shard: number) => number = () => 0,
): number[] => shards.filter((shard) => counted(shard) < shardCap(cap, shard));
