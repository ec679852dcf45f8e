import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  PROVIDER_BURST_SECONDS,
  paceSend,
  RESERVATION_BURST_SECONDS,
} from '../../../../shared/domain/send-pacing';

const T0 = 1_800_000_000_000;

/** Sends one part every `gapMs` for a second and more, keeping what the bucket allowed. */
const run = (gapMs: number, partsPerSecond: number, burstSeconds: number) => {
  let fullAt: number | undefined;
  const allowed: number[] = [];
  for (let now = T0; now < T0 + 3000; now += gapMs) {
    const decision = paceSend({ fullAt, nowMs: now, parts: 1, partsPerSecond, burstSeconds });
    if (decision.allowed) {
      fullAt = decision.fullAt;
      allowed.push(now);
    }
  }
  return allowed;
};

describe('paceSend', () => {
  it('takes a full bucket at once, then one part per 1/rate seconds', () => {
    const allowed = run(1, 10, 0.5);
    // Five parts (half a second of 10/s) at once, then one every 100 ms.
    expect(allowed.slice(0, 5)).toEqual([T0, T0 + 1, T0 + 2, T0 + 3, T0 + 4]);
    expect(allowed[5]).toBe(T0 + 100);
    expect(allowed[6]).toBe(T0 + 200);
  });

  it('never lets more parts through in any window than the rate and the bucket allow', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({ gap: fc.integer({ min: 0, max: 300 }), parts: fc.integer({ min: 1, max: 3 }) }),
          {
            minLength: 1,
            maxLength: 200,
          },
        ),
        fc.integer({ min: 1, max: 50 }),
        (sends, partsPerSecond) => {
          let fullAt: number | undefined;
          let now = T0;
          const sent: { at: number; parts: number }[] = [];
          for (const { gap, parts } of sends) {
            now += gap;
            const decision = paceSend({ fullAt, nowMs: now, parts, partsPerSecond, burstSeconds: 1 });
            if (decision.allowed) {
              fullAt = decision.fullAt;
              sent.push({ at: now, parts });
            } else expect(decision.waitMs).toBeGreaterThan(0);
          }
          // Over any window of w ms: at most a bucket (a second, or one longer message) plus the refill.
          for (const { at } of sent) {
            const inWindow = sent.filter((s) => s.at >= at && s.at < at + 1000);
            const parts = inWindow.reduce((sum, s) => sum + s.parts, 0);
            expect(parts).toBeLessThanOrEqual(2 * partsPerSecond + 3);
          }
        },
      ),
    );
  });

  it('says how long until the parts fit, and they fit then', () => {
    const first = paceSend({ fullAt: undefined, nowMs: T0, parts: 5, partsPerSecond: 10, burstSeconds: 0.5 });
    expect(first).toEqual({ allowed: true, fullAt: T0 + 500 });
    const refused = paceSend({
      fullAt: T0 + 500,
      nowMs: T0,
      parts: 2,
      partsPerSecond: 10,
      burstSeconds: 0.5,
    });
    expect(refused).toEqual({ allowed: false, waitMs: 200 });
    expect(
      paceSend({ fullAt: T0 + 500, nowMs: T0 + 200, parts: 2, partsPerSecond: 10, burstSeconds: 0.5 }),
    ).toEqual({ allowed: true, fullAt: T0 + 700 });
  });

  it('sends a message longer than the bucket alone, once the bucket has stood full for what it lacks', () => {
    const long = { parts: 8, partsPerSecond: 10, burstSeconds: 0.5 };
    expect(paceSend({ fullAt: undefined, nowMs: T0, ...long })).toEqual({ allowed: true, fullAt: T0 + 800 });
    // 800 ms of parts in a bucket of 500: full at T0 + 800, then 300 ms more.
    expect(paceSend({ fullAt: T0 + 800, nowMs: T0 + 100, ...long })).toEqual({
      allowed: false,
      waitMs: 1000,
    });
    expect(paceSend({ fullAt: T0 + 800, nowMs: T0 + 1099, ...long })).toMatchObject({ allowed: false });
    expect(paceSend({ fullAt: T0 + 800, nowMs: T0 + 1100, ...long })).toEqual({
      allowed: true,
      fullAt: T0 + 1900,
    });
  });

  it('keeps a steady sender at its rate exactly', () => {
    // One part every 50 ms offered at 10 parts/s: every other one fits, after the first bucket.
    const allowed = run(50, 10, 0.5);
    const lastSecond = allowed.filter((at) => at >= T0 + 2000 && at < T0 + 3000);
    expect(lastSecond).toHaveLength(10);
  });

  it("never has a reserved send throttled by the provider's bucket, sent up to 700 ms after its reservation", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            gap: fc.integer({ min: 0, max: 120 }),
            parts: fc.integer({ min: 1, max: 3 }),
            delay: fc.integer({ min: 0, max: 700 }),
          }),
          { minLength: 1, maxLength: 300 },
        ),
        fc.integer({ min: 1, max: 40 }),
        (offers, partsPerSecond) => {
          let reservedUntil: number | undefined;
          let now = T0;
          const sends: { at: number; parts: number }[] = [];
          for (const { gap, parts, delay } of offers) {
            now += gap;
            const reserved = paceSend({
              fullAt: reservedUntil,
              nowMs: now,
              parts,
              partsPerSecond,
              burstSeconds: RESERVATION_BURST_SECONDS,
            });
            if (!reserved.allowed) continue;
            reservedUntil = reserved.fullAt;
            sends.push({ at: now + delay, parts });
          }
          let providerFull: number | undefined;
          for (const send of sends.sort((a, b) => a.at - b.at)) {
            const taken = paceSend({
              fullAt: providerFull,
              nowMs: send.at,
              parts: send.parts,
              partsPerSecond,
              burstSeconds: PROVIDER_BURST_SECONDS,
            });
            expect(taken.allowed).toBe(true);
            if (taken.allowed) providerFull = taken.fullAt;
          }
        },
      ),
      // Found by this property: a long message reserved on a bucket that had been full for less than it lacked.
      {
        numRuns: 500,
        examples: [
          [
            [
              { gap: 0, parts: 1, delay: 1 },
              { gap: 34, parts: 1, delay: 0 },
              { gap: 90, parts: 1, delay: 0 },
              { gap: 107, parts: 1, delay: 0 },
              { gap: 103, parts: 3, delay: 0 },
            ],
            3,
          ],
        ],
      },
    );
  });
});
