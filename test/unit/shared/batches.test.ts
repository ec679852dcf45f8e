import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { inBatches } from '../../../shared/batches';

describe('inBatches', () => {
  it('cuts items into full batches of the size and one shorter last batch, keeping every item in order', () => {
    fc.assert(
      fc.property(fc.array(fc.integer()), fc.integer({ min: 1, max: 30 }), (items, size) => {
        const batches = inBatches(items, size);
        expect(batches.flat()).toEqual(items);
        expect(batches.slice(0, -1).every((batch) => batch.length === size)).toBe(true);
        expect(batches.every((batch) => batch.length >= 1 && batch.length <= size)).toBe(true);
      }),
    );
  });
});
