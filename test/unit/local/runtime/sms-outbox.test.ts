import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SmsOutbox, UNREACHABLE_RESPONSE } from '../../../../local/runtime/sms-outbox';
import { isThrottling, SmsRecipientOptedOut, SmsRefused } from '../../../../shared/messaging/ports';

const FROM = '+32460000001';
const POOL = [FROM, '+32460000002'];
const sms = (to: string, body = 'kort', extra: { from?: string; ttlSeconds?: number } = {}) => ({
  to,
  body,
  ttlSeconds: 60,
  context: { requestId: 'R1', kind: 'alert' },
  ...extra,
});
const outboxOf = (partsPerSecond?: number) =>
  new SmsOutbox({
    pool: POOL,
    ...(partsPerSecond ? { partsPerSecond } : {}),
    allowedCountries: ['BE', 'NL'],
    maxPriceUsd: 0.2,
  });

describe('the local SMS provider', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2026-03-02T10:00:00.000Z'));
  });
  afterEach(() => vi.useRealTimers());

  it('refuses a send over the rate of its origination number with a throttling error, like the provider', async () => {
    const outbox = outboxOf(3);
    for (let i = 0; i < 3; i++) await outbox.send(sms(`+3247000000${i}`, 'kort', { from: FROM }));

    const refused = await outbox.send(sms('+32470000009', 'kort', { from: FROM })).catch((e: unknown) => e);

    expect(isThrottling(refused)).toBe(true);
    expect(outbox.entries).toHaveLength(3);
    await expect(outbox.send(sms('+32470000009', 'kort', { from: '+32460000002' }))).resolves.toBeDefined();
    vi.setSystemTime(new Date('2026-03-02T10:00:01.000Z'));
    await expect(outbox.send(sms('+32470000009', 'kort', { from: FROM }))).resolves.toBeDefined();
  });

  it('sends from the pool on a number with room, and throttles once every number of the pool is full', async () => {
    const outbox = outboxOf(1);
    await outbox.send(sms('+32470000001'));
    await outbox.send(sms('+32470000002'));

    expect(outbox.entries.map((e) => e.from)).toEqual(POOL);
    expect(isThrottling(await outbox.send(sms('+32470000003')).catch((e: unknown) => e))).toBe(true);
  });

  it('counts message parts, not messages, against the rate', async () => {
    const outbox = outboxOf(3);
    await outbox.send(sms('+32470000001', 'a'.repeat(200), { from: FROM }));

    await expect(outbox.send(sms('+32470000002', 'a'.repeat(200), { from: FROM }))).rejects.toThrow(
      /Rate exceeded/,
    );
    await expect(outbox.send(sms('+32470000002', 'kort', { from: FROM }))).resolves.toBeDefined();
  });

  it('refuses a number outside the protect configuration’s countries', async () => {
    const outbox = outboxOf();
    const refused = await outbox.send(sms('+14155550123')).catch((e: unknown) => e);

    expect(refused).toBeInstanceOf(SmsRefused);
    expect((refused as Error).message).toBe('DESTINATION_COUNTRY_BLOCKED_BY_PROTECT_CONFIGURATION');
    await expect(outbox.send(sms('+31612345678'))).resolves.toBeDefined();
  });

  it('refuses a message that would cost more than the price cap', async () => {
    const outbox = outboxOf();
    // 4 parts × 0.08 USD = 0.32 USD, over the 0.20 cap; 2 parts (0.16) pass.
    await expect(outbox.send(sms('+32470000001', 'a'.repeat(153 * 4)))).rejects.toThrow(
      'PRICE_OVER_THRESHOLD',
    );
    await expect(outbox.send(sms('+32470000001', 'a'.repeat(153 * 2)))).resolves.toBeDefined();
  });

  it('refuses a number on the opt-out list', async () => {
    const outbox = outboxOf();
    outbox.optOut('+32470000001');

    await expect(outbox.send(sms('+32470000001'))).rejects.toBeInstanceOf(SmsRecipientOptedOut);
  });

  it('reports every SMS as delivered, except those to a number made undeliverable', async () => {
    const outbox = outboxOf();
    outbox.makeUndeliverable('+32470000002');
    const ok = await outbox.send(sms('+32470000001'));
    const lost = await outbox.send(sms('+32470000002'));

    expect(outbox.takeEvents()).toEqual([
      {
        eventType: 'TEXT_DELIVERED',
        eventTimestamp: Date.parse('2026-03-02T10:00:00.000Z'),
        messageId: ok.messageId,
        messageStatusDescription: 'Message has been accepted by phone',
        originationPhoneNumber: FROM,
      },
      {
        eventType: 'TEXT_UNREACHABLE',
        eventTimestamp: Date.parse('2026-03-02T10:00:00.000Z'),
        messageId: lost.messageId,
        messageStatusDescription: UNREACHABLE_RESPONSE,
        originationPhoneNumber: FROM,
      },
    ]);
    expect(outbox.takeEvents()).toEqual([]);
  });

  it('drops an SMS to a switched-off phone when its time to live runs out, and never delivers it late', async () => {
    const outbox = outboxOf();
    const told = vi.fn();
    outbox.onEvents = told;
    outbox.switchOff('+32470000001');
    const { messageId } = await outbox.send(sms('+32470000001', 'kort', { ttlSeconds: 30 }));
    expect(outbox.takeEvents()).toEqual([]);

    vi.advanceTimersByTime(30_000);
    expect(told).toHaveBeenCalledTimes(1);
    expect(outbox.takeEvents()).toMatchObject([{ eventType: 'TEXT_TTL_EXPIRED', messageId }]);

    outbox.switchOn('+32470000001');
    expect(outbox.takeEvents()).toEqual([]);
    expect(outbox.sentTo('+32470000001')).toMatchObject([{ messageId, status: 'expired' }]);
  });

  it('delivers what waits for a phone switched on again within the time to live', async () => {
    const outbox = outboxOf();
    outbox.switchOff('+32470000001');
    const { messageId } = await outbox.send(sms('+32470000001', 'kort', { ttlSeconds: 30 }));

    vi.advanceTimersByTime(10_000);
    outbox.switchOn('+32470000001');
    vi.advanceTimersByTime(30_000);

    expect(outbox.takeEvents()).toMatchObject([{ eventType: 'TEXT_DELIVERED', messageId }]);
  });
});
