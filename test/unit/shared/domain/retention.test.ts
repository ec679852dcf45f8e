import { describe, expect, it } from 'vitest';
import { CLAIM_STATUSES } from '../../../../shared/domain/claim';
import { claimRetainUntil } from '../../../../shared/domain/retention';
import { assertNotOnSite } from '../../../../shared/domain/volunteer';

describe('a claim’s retention date', () => {
  it.each([
    ['settled', '2026-06-30T09:00:00.000Z', 5, '2031-06-30T09:00:00.000Z'],
    ['rejected', '2026-01-15T23:30:00.000Z', 7, '2033-01-15T23:30:00.000Z'],
    // 29 February has no twin five years on: the retention ends the day after 28 February.
    ['settled', '2028-02-29T12:00:00.000Z', 5, '2033-03-01T12:00:00.000Z'],
  ] as const)('runs from a %s claim at %s for the configured %i years', (status, at, years, until) => {
    expect(claimRetainUntil(status, at, years)).toBe(until);
  });

  it('is not set while the claim is open: an open claim is never deleted automatically', () => {
    for (const status of CLAIM_STATUSES.filter((s) => s !== 'settled' && s !== 'rejected')) {
      expect(claimRetainUntil(status, '2026-06-30T09:00:00.000Z', 5)).toBeUndefined();
    }
  });
});

describe('erasing a member on site', () => {
  it('is refused while they are checked in, telling to check them out first', () => {
    expect(() => assertNotOnSite({ onSiteFor: '01JB0000000000000000000001' })).toThrow(
      /check them out first/,
    );
  });

  it('is allowed once they are checked out', () => {
    expect(() => assertNotOnSite({})).not.toThrow();
  });
});
