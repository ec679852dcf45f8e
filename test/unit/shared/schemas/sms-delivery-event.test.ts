import { describe, expect, it } from 'vitest';
import { smsDeliveryEventSchema, toDeliveryReceipt } from '../../../../shared/schemas/sms-job';

/** An SMS event as the configuration set's event destination publishes it (AWS End User Messaging SMS). */
const event = (eventType: string, extra: Record<string, unknown> = {}) =>
  smsDeliveryEventSchema.parse({
    eventType,
    eventVersion: '1.0',
    eventTimestamp: 1772445600000,
    isFinal: true,
    originationPhoneNumber: '+32460000001',
    destinationPhoneNumber: '+32470123456',
    messageId: 'm-1',
    messageStatusDescription: 'a description',
    context: { requestId: 'R1', kind: 'alert' },
    totalMessageParts: 1,
    ...extra,
  });

describe('SMS delivery events', () => {
  it.each(['TEXT_DELIVERED', 'TEXT_SUCCESSFUL'])('reads %s as delivered', (type) => {
    expect(toDeliveryReceipt(event(type))).toEqual({
      messageId: 'm-1',
      status: 'delivered',
      at: '2026-03-02T10:00:00.000Z',
    });
  });

  it('reads TEXT_TTL_EXPIRED as expired, not as a failure to retry', () => {
    expect(toDeliveryReceipt(event('TEXT_TTL_EXPIRED'))).toMatchObject({ status: 'expired' });
  });

  it.each([
    'TEXT_UNREACHABLE',
    'TEXT_CARRIER_UNREACHABLE',
    'TEXT_BLOCKED',
    'TEXT_INVALID',
    'TEXT_SPAM',
    'TEXT_UNKNOWN',
    'TEXT_PROTECT_BLOCKED',
  ])('reads %s as a failed delivery with its reason and the number it went out on', (type) => {
    expect(toDeliveryReceipt(event(type))).toEqual({
      messageId: 'm-1',
      status: 'failed',
      at: '2026-03-02T10:00:00.000Z',
      reason: 'a description',
      originationNumber: '+32460000001',
    });
  });

  it.each(['TEXT_QUEUED', 'TEXT_PENDING'])('waits for the final event after %s', (type) => {
    expect(toDeliveryReceipt(event(type))).toBeUndefined();
  });

  it('refuses what is not an SMS event (a voice event, no message id)', () => {
    expect(
      smsDeliveryEventSchema.safeParse({ eventType: 'VOICE_COMPLETED', eventTimestamp: 1, messageId: 'm' })
        .success,
    ).toBe(false);
    expect(smsDeliveryEventSchema.safeParse({ eventType: 'TEXT_DELIVERED', eventTimestamp: 1 }).success).toBe(
      false,
    );
  });
});
