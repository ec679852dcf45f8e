import { describe, expect, it } from 'vitest';
import { RecentLookups } from '../../../../shared/services/recent-lookups';

describe('RecentLookups', () => {
  it('answers from what it read until the time is up, then reads again', async () => {
    const recent = new RecentLookups<number>(2000);
    let reads = 0;
    const read = async () => ++reads;

    expect(await recent.get('A', 0, read)).toBe(1);
    expect(await recent.get('A', 1999, read)).toBe(1);
    expect(await recent.get('B', 1999, read)).toBe(2);
    expect(await recent.get('A', 2000, read)).toBe(3);
  });

  it('keeps nothing of a read that failed', async () => {
    const recent = new RecentLookups<string>(2000);
    await expect(recent.get('A', 0, () => Promise.reject(new Error('unknown code')))).rejects.toThrow();

    expect(await recent.get('A', 1, async () => 'found')).toBe('found');
  });

  it('starts over past its size instead of growing', async () => {
    const recent = new RecentLookups<string>(60_000, 2);
    await recent.get('A', 0, async () => 'a1');
    await recent.get('B', 0, async () => 'b1');
    await recent.get('C', 0, async () => 'c1');

    expect(await recent.get('A', 1, async () => 'a2')).toBe('a2');
    expect(await recent.get('C', 1, async () => 'c2')).toBe('c1');
  });
});
