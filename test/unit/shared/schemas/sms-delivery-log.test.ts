import { describe, expect, it } from 'vitest';
import { smsDeliveryLogSchema, toDeliveryReceipt } from '../../../../shared/schemas/sms-job';
import delivered from '../../../events/sns-sms-delivered.json' with { type: 'json' };
import failed from '../../../events/sns-sms-failed.json' with { type: 'json' };

describe('SNS SMS delivery status logs', () => {
  it('turns a success log line into a delivered receipt at its UTC timestamp', () => {
    expect(toDeliveryReceipt(smsDeliveryLogSchema.parse(delivered))).toEqual({
      messageId: '34d9b400-c6dd-5444-820d-fbeb0f1f54cf',
      status: 'delivered',
      at: '2026-03-01T10:01:02.558Z',
    });
  });

  it("turns a failure log line into a failed receipt with the carrier's reason", () => {
    expect(toDeliveryReceipt(smsDeliveryLogSchema.parse(failed))).toEqual({
      messageId: '1077257a-92f3-5ca3-bc97-6a915b310625',
      status: 'failed',
      at: '2026-03-01T10:01:03.559Z',
      reason: 'Unknown error attempting to reach phone',
    });
  });

  it.each([
    ['a topic delivery log (no phone status)', { ...delivered, status: 'PENDING' }],
    ['a line without message id', { ...delivered, notification: { timestamp: '2026-03-01 10:01:02.558' } }],
    [
      'a timestamp in another format',
      { ...delivered, notification: { messageId: 'm', timestamp: 'yesterday' } },
    ],
    ['not an object', 'START RequestId: 1'],
  ])('refuses %s', (_what, line) => {
    expect(smsDeliveryLogSchema.safeParse(line).success).toBe(false);
  });
});
