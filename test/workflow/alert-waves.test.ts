import { describe, expect, it } from 'vitest';
import { AALST, alertedAmong, corps, DENDERMONDE, launch, runtimeWith, waves } from '../support/alert-waves';
import { until } from '../support/local-runtime';

/**
 * Alerts in waves, on the synthesized state machine run by the local engine with the real task handlers and
 * DynamoDB Local: a request alerts a multiple of what it needs (3 × and at least 10 by default), the next wave
 * follows when the wave window passes without enough acceptances, and widening comes after the corps is exhausted.
 */

describe('alert waves with a long wave window', () => {
  const runtime = runtimeWith({ responseWindowSeconds: 600, waveWindowSeconds: 600 });

  it('a request for 2 in a corps of 80 sends 10 SMS, not 80: the ten best-ranked members', async () => {
    const t = runtime();
    const phones = await corps(t, AALST, 80);
    const request = await launch(t, AALST);

    await until(async () => (await alertedAmong(t, phones)).length === 10);
    // Nothing more follows while the wave window runs.
    await new Promise((r) => setTimeout(r, 500));
    expect(await alertedAmong(t, phones)).toHaveLength(10);
    expect(await t.runtime.ports.alerts.countForRequest(request.id)).toBe(10);
    expect(await waves(t, request.id)).toEqual([{ wave: 1, alerted: 10, scope: [AALST] }]);
  });

  it('alerts everyone at once when the requester asks for immediate urgency', async () => {
    const t = runtime();
    const phones = await corps(t, DENDERMONDE, 30);
    const request = await launch(t, DENDERMONDE, { urgency: 'immediate' });

    await until(async () => (await alertedAmong(t, phones)).length === 30);
    expect(await waves(t, request.id)).toEqual([{ alerted: 30, scope: [DENDERMONDE] }]);
  });
});
