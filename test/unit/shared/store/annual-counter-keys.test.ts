import { describe, expect, it } from 'vitest';
import {
  annualCounterKey,
  annualCounterOf,
  annualCounterRange,
} from '../../../../shared/store/keys/annual-counter-keys';

describe('the keys of the yearly counters', () => {
  it('reads the year and municipality of a shard and of an item from before shards alike', () => {
    expect(annualCounterOf(annualCounterKey(2025, '44021', 7).sk)).toEqual({ year: 2025, nis: '44021' });
    expect(annualCounterOf('2025#44021')).toEqual({ year: 2025, nis: '44021' });
  });

  it('keeps every shard of a year inside the range of that year and outside the one before', () => {
    const shards = [0, 9, 15].map((shard) => annualCounterKey(2025, '93090', shard).sk);
    for (const sk of [...shards, '2025#93090']) {
      expect(sk <= annualCounterRange(2025).lastSk).toBe(true);
      expect(sk <= annualCounterRange(2024).lastSk).toBe(false);
    }
  });
});
