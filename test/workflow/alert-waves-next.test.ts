import { describe, expect, it } from 'vitest';
import { AALST, alertedAmong, corps, DENDERMONDE, launch, runtimeWith, waves } from '../support/alert-waves';
import { until } from '../support/local-runtime';

/**
 * After the first wave (see alert-waves.test.ts): the next wave when its window passes without enough acceptances,
 * none once enough accept, and the widening only when the corps has nobody left to alert.
 */

describe('alert waves with a short wave window', () => {
  const runtime = runtimeWith({ responseWindowSeconds: 3, waveWindowSeconds: 3 });

  it('sends the next wave when the window passes without enough acceptances, and stops once enough accept', async () => {
    const t = runtime();
    const phones = await corps(t, AALST, 40);
    const request = await launch(t, AALST);

    await until(async () => (await alertedAmong(t, phones)).length === 10);
    const first = await alertedAmong(t, phones);
    await until(async () => (await alertedAmong(t, phones)).length === 20, 12_000);
    const second = (await alertedAmong(t, phones)).filter((phone) => !first.includes(phone));
    expect(second).toHaveLength(10);

    // Two of the second wave accept before its window ends: enough, and no third wave.
    for (const phone of second.slice(0, 2)) {
      const code = /JA (\d{4})/.exec(t.runtime.outbox.sentTo(phone)[0]!.body)![1];
      await t.runtime.inbound(phone, `JA ${code}`);
    }
    await until(async () =>
      (await t.runtime.ports.helpRequests.timeline(request.id)).some((e) => e.type === 'enough-volunteers'),
    );
    await new Promise((r) => setTimeout(r, 3500));
    expect(await alertedAmong(t, phones)).toHaveLength(20);
    expect(await waves(t, request.id)).toEqual([
      { wave: 1, alerted: 10, scope: [AALST] },
      { wave: 2, alerted: 10, scope: [AALST] },
    ]);
  });

  it('widens to the neighbouring corps only once its own corps has no one left to alert', async () => {
    const t = runtime();
    const neighbours = await corps(t, DENDERMONDE, 15);
    // Aalst's 40 members answered or were alerted for the previous request, and are not on site: a corps of 40.
    const request = await launch(t, AALST);

    await until(async () => (await waves(t, request.id)).some((w) => w.scope?.includes(DENDERMONDE)), 40_000);
    expect(await waves(t, request.id)).toEqual([
      { wave: 1, alerted: 10, scope: [AALST] },
      { wave: 2, alerted: 10, scope: [AALST] },
      { wave: 3, alerted: 10, scope: [AALST] },
      { wave: 4, alerted: 10, scope: [AALST] },
      { wave: 5, alerted: 10, scope: [AALST, DENDERMONDE] },
    ]);
    expect(await alertedAmong(t, neighbours)).toHaveLength(10);
  }, 60_000);
});
