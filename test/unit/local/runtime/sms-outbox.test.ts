import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SmsOutbox, UNREACHABLE_RESPONSE } from '../../../../local/runtime/sms-outbox';
import { isThrottling } from '../../../../shared/messaging/ports';

const FROM = '+32460000001';

describe('the local SMS outbox', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2026-03-02T10:00:00.000Z'));
  });
  afterEach(() => vi.useRealTimers());

  it('refuses a send over the rate of its origination number with a throttling error, like the provider', async () => {
    const outbox = new SmsOutbox({ partsPerSecond: 3 });
    for (let i = 0; i < 3; i++) await outbox.send(`+3247000000${i}`, 'kort', FROM);

    const refused = await outbox.send('+32470000009', 'kort', FROM).catch((error: unknown) => error);

    expect(isThrottling(refused)).toBe(true);
    expect(outbox.entries).toHaveLength(3);
    await expect(outbox.send('+32470000009', 'kort', '+32460000002')).resolves.toBeDefined();
    vi.setSystemTime(new Date('2026-03-02T10:00:01.000Z'));
    await expect(outbox.send('+32470000009', 'kort', FROM)).resolves.toBeDefined();
  });

  it('counts message parts, not messages, against the rate', async () => {
    const outbox = new SmsOutbox({ partsPerSecond: 3 });
    await outbox.send('+32470000001', 'a'.repeat(200), FROM);

    await expect(outbox.send('+32470000002', 'a'.repeat(200), FROM)).rejects.toThrow(/Rate exceeded/);
    await expect(outbox.send('+32470000002', 'kort', FROM)).resolves.toBeDefined();
  });

  it('reports every SMS as delivered, except those to a number made undeliverable', async () => {
    const outbox = new SmsOutbox();
    outbox.makeUndeliverable('+32470000002');
    const ok = await outbox.send('+32470000001', 'a');
    const lost = await outbox.send('+32470000002', 'b');

    expect(outbox.takeDeliveryLogs()).toEqual([
      {
        notification: { messageId: ok.messageId, timestamp: '2026-03-02 10:00:00.000' },
        delivery: { providerResponse: 'Message has been accepted by phone carrier' },
        status: 'SUCCESS',
      },
      {
        notification: { messageId: lost.messageId, timestamp: '2026-03-02 10:00:00.000' },
        delivery: { providerResponse: UNREACHABLE_RESPONSE },
        status: 'FAILURE',
      },
    ]);
    expect(outbox.takeDeliveryLogs()).toEqual([]);
  });
});
