import type { SNSMessage, SQSRecord } from 'aws-lambda';
import * as z from 'zod/mini';

/** What the inbound handler reads of an SNS delivery: the SMS event, its id and the time SNS took it in. */
export type InboundDelivery = Pick<SNSMessage, 'Message' | 'MessageId' | 'Timestamp'>;

const snsDeliverySchema = z.object({ Message: z.string(), MessageId: z.string(), Timestamp: z.string() });

/** Lambda's on-failure destination record of an asynchronous invocation: the SNS event it was given, wrapped. */
const failureDestinationSchema = z.object({
  requestContext: z.object({ condition: z.string() }),
  requestPayload: z.object({
    Records: z.array(z.object({ Sns: snsDeliverySchema })).check(z.minLength(1)),
  }),
});

/** SNS's subscription dead-letter queue: the notification as SNS would have delivered it. */
const notificationSchema = z.extend(snsDeliverySchema, { Type: z.literal('Notification') });

/**
 * The inbound deliveries a kept message stands for, with their original SNS ids and times (an answer's time decides
 * whether it is older than the recorded one, so a replay must not look newer than the reply was).
 */
export const deliveriesToReplay = (message: Pick<SQSRecord, 'body' | 'messageId'>): InboundDelivery[] => {
  let body: unknown;
  try {
    body = JSON.parse(message.body);
  } catch {}
  const failed = failureDestinationSchema.safeParse(body);
  if (failed.success) return failed.data.requestPayload.Records.map(({ Sns }) => Sns);
  const undelivered = notificationSchema.safeParse(body);
  if (undelivered.success) {
    const { Message, MessageId, Timestamp } = undelivered.data;
    return [{ Message, MessageId, Timestamp }];
  }
  throw new Error(`message ${message.messageId} is neither a Lambda failure record nor an SNS notification`);
};
