import { describe, expect, it } from 'vitest';
import {
  COUNTER_SHARDS,
  randomShard,
  shardCap,
  shardSuffix,
  shardsFrom,
  shardsWithRoom,
} from '../../../../shared/domain/counter-shards';

describe('counter shards', () => {
  it.each([0, 1, 2, 15, 16, 17, 100, 1000, 4001])(
    'splits a cap of %i into parts that add up to it exactly',
    (cap) => {
      const parts = Array.from({ length: COUNTER_SHARDS }, (_, shard) => shardCap(cap, shard));
      expect(parts.reduce((a, b) => a + b, 0)).toBe(cap);
      expect(Math.max(...parts) - Math.min(...parts)).toBeLessThanOrEqual(1);
    },
  );

  it('picks every shard and no other', () => {
    expect(randomShard(() => 0)).toBe(0);
    expect(randomShard(() => 0.999999)).toBe(COUNTER_SHARDS - 1);
    expect(new Set(Array.from({ length: 2000 }, () => randomShard())).size).toBe(COUNTER_SHARDS);
  });

  it('visits every shard once from any start, and names them so they sort in order', () => {
    expect(shardsFrom(5)).toHaveLength(COUNTER_SHARDS);
    expect(new Set(shardsFrom(5)).size).toBe(COUNTER_SHARDS);
    expect(shardsFrom(5)[0]).toBe(5);
    expect([shardSuffix(10), shardSuffix(2)].sort()).toEqual(['02', '10']);
  });

  it('skips the shards whose part of the cap is 0 or taken, keeping the order it was given', () => {
    // A cap of 2: shards 0 and 1 take one each, the others none.
    expect(shardsWithRoom(2, shardsFrom(5))).toEqual([0, 1]);
    expect(shardsWithRoom(2, [1, 0], (shard) => (shard === 1 ? 1 : 0))).toEqual([0]);
    expect(shardsWithRoom(2, [0, 1], () => 1)).toEqual([]);
    expect(shardsWithRoom(32, shardsFrom(15), (shard) => (shard % 2 === 0 ? 2 : 1))).toEqual(
      shardsFrom(15).filter((shard) => shard % 2 === 1),
    );
  });
});
