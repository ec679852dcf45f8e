import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ACCOUNT_DEFAULT_ORIGINATION,
  afterDeliveryFailure,
  awaitsSending,
  backoffDelayMs,
  dispatchConcurrency,
  originationCandidates,
} from '../../../../shared/domain/origination';

const POOL = ['+32460000001', '+32460000002', '+32460000003'];
const phone = fc.stringMatching(/^\+32 ?4\d{8}$/).map((p) => p.replace(' ', ''));

describe('originationCandidates', () => {
  it('offers every number of the pool once, for any recipient', () => {
    fc.assert(
      fc.property(phone, (to) => {
        expect([...originationCandidates(POOL, to)].sort()).toEqual([...POOL].sort());
      }),
    );
  });

  it('starts a recipient on the same number every time', () => {
    fc.assert(
      fc.property(phone, (to) => {
        expect(originationCandidates(POOL, to)).toEqual(originationCandidates(POOL, to));
      }),
    );
  });

  it('keeps the avoided number out when the pool has another', () => {
    fc.assert(
      fc.property(phone, fc.constantFrom(...POOL), (to, avoid) => {
        const candidates = originationCandidates(POOL, to, avoid);
        expect(candidates).not.toContain(avoid);
        expect(candidates).toHaveLength(POOL.length - 1);
      }),
    );
  });

  it('still sends through the only number of a pool of one, even when it is the one to avoid', () => {
    expect(originationCandidates(['+32460000001'], '+32470123456', '+32460000001')).toEqual(['+32460000001']);
  });

  it("uses the account's default identity when the stage has no pool", () => {
    expect(originationCandidates([], '+32470123456')).toEqual([ACCOUNT_DEFAULT_ORIGINATION]);
  });

  it('spreads 3,000 recipients over a pool of three with no number taking more than 40%', () => {
    const first = new Map<string, number>();
    for (let i = 0; i < 3000; i++) {
      const to = `+324${String(70_000_000 + i * 7919).padStart(8, '0')}`;
      const [number] = originationCandidates(POOL, to);
      first.set(number!, (first.get(number!) ?? 0) + 1);
    }
    expect(first.size).toBe(3);
    for (const count of first.values()) expect(count).toBeLessThan(1200);
  });
});

describe('backoffDelayMs', () => {
  it('waits between zero and the capped exponential bound (full jitter)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 20 }),
        fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }),
        (attempt, random) => {
          const delay = backoffDelayMs(attempt, random);
          expect(delay).toBeGreaterThanOrEqual(0);
          expect(delay).toBeLessThan(Math.max(1, Math.min(2000, 100 * 2 ** attempt)));
        },
      ),
    );
  });

  it('doubles the bound per attempt until the cap', () => {
    const almostOne = 0.999_999;
    expect([0, 1, 2, 3, 4, 5].map((attempt) => backoffDelayMs(attempt, almostOne))).toEqual([
      99, 199, 399, 799, 1599, 1999,
    ]);
  });
});

describe('after a failed delivery', () => {
  it.each([
    { attempts: 1, next: 'retry' },
    { attempts: 2, next: 'give-up' },
    { attempts: 3, next: 'give-up' },
  ] as const)('the SMS of send $attempts is followed by: $next', ({ attempts, next }) => {
    expect(afterDeliveryFailure(attempts)).toBe(next);
  });
});

describe('awaitsSending', () => {
  it.each([
    { status: 'queued', owed: true },
    { status: 'sending', owed: true },
    { status: 'sent', owed: false },
    { status: 'delivered', owed: false },
    { status: 'failed', owed: false },
  ] as const)('an SMS that is $status is still owed: $owed', ({ status, owed }) => {
    expect(awaitsSending(status)).toBe(owed);
  });
});

describe('dispatchConcurrency', () => {
  it.each([
    { numbers: 0, rate: 10, concurrency: 2 },
    { numbers: 1, rate: 10, concurrency: 2 },
    { numbers: 3, rate: 10, concurrency: 3 },
    { numbers: 4, rate: 20, concurrency: 8 },
    { numbers: 20, rate: 10, concurrency: 10 },
  ])(
    'runs $concurrency dispatchers for $numbers numbers at $rate parts/s',
    ({ numbers, rate, concurrency }) => {
      expect(dispatchConcurrency(numbers, rate)).toBe(concurrency);
    },
  );
});
