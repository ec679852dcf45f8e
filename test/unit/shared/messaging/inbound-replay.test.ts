import { describe, expect, it } from 'vitest';
import { deliveriesToReplay } from '../../../../shared/messaging/inbound-replay';
import failureRecord from '../../../events/inbound-sms-failure-record.json';
import undelivered from '../../../events/inbound-sms-undelivered.json';

const kept = (body: unknown) => ({
  messageId: 'sqs-1',
  body: typeof body === 'string' ? body : JSON.stringify(body),
});

describe('deliveriesToReplay', () => {
  it("unwraps Lambda's on-failure record to the SNS delivery it wraps, with its original id and time", () => {
    expect(deliveriesToReplay(kept(failureRecord))).toEqual([
      {
        Message: failureRecord.requestPayload.Records[0]!.Sns.Message,
        MessageId: 'b3c0a1d2-5e6f-5a7b-8c9d-0e1f2a3b4c5d',
        Timestamp: '2026-03-01T10:04:12.345Z',
      },
    ]);
    expect(JSON.parse(deliveriesToReplay(kept(failureRecord))[0]!.Message)).toMatchObject({
      messageBody: 'JA 4821 ben er om 14u',
    });
  });

  it("takes an SNS notification from the subscription's dead-letter queue as the delivery it was", () => {
    expect(deliveriesToReplay(kept(undelivered))).toEqual([
      {
        Message: undelivered.Message,
        MessageId: 'c4d1b2e3-6f70-5b8c-9d0e-1f2a3b4c5d6e',
        Timestamp: '2026-03-01T10:05:00.000Z',
      },
    ]);
  });

  it('replays every record of a failed invocation', () => {
    const record = failureRecord.requestPayload.Records[0]!;
    const twice = {
      ...failureRecord,
      requestPayload: { Records: [record, { ...record, Sns: { ...record.Sns, MessageId: 'second' } }] },
    };
    expect(deliveriesToReplay(kept(twice)).map((d) => d.MessageId)).toEqual([record.Sns.MessageId, 'second']);
  });

  it.each([
    { what: 'not JSON', body: 'JA 4821' },
    { what: 'a failure record without its payload', body: { ...failureRecord, requestPayload: undefined } },
    { what: 'a notification of another type', body: { ...undelivered, Type: 'SubscriptionConfirmation' } },
  ])('refuses a kept message that is $what, naming it, so it stays on its queue', ({ body }) => {
    expect(() => deliveriesToReplay(kept(body))).toThrow(/sqs-1/);
  });
});
