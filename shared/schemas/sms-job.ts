import { z } from 'zod';

/** One SMS to send, as published on the alerts topic and consumed by the dispatcher. */
export const smsJobSchema = z.discriminatedUnion('kind', [
  z.object({
    requestId: z.string(),
    kind: z.enum(['alert', 'stand-down']),
    volunteerId: z.string(),
    /** A spontaneous volunteer: their id stays out of the logs, which the purge cannot reach. */
    spontaneous: z.literal(true).optional(),
    to: z.string(),
    body: z.string(),
  }),
  /** A coordinator's update to a volunteer who accepted; one per update and volunteer. */
  z.object({
    requestId: z.string(),
    kind: z.literal('update'),
    updateId: z.string(),
    volunteerId: z.string(),
    spontaneous: z.literal(true).optional(),
    to: z.string(),
    body: z.string(),
  }),
  /** The on-duty coordinator: fewer volunteers accepted than needed and no corps left to widen to. */
  z.object({
    requestId: z.string(),
    kind: z.literal('shortfall'),
    to: z.string(),
    body: z.string(),
  }),
  /** The Red Cross coordinator at `level` of the duty roster (0 = on duty, then the backups). */
  z.object({
    requestId: z.string(),
    kind: z.literal('coordinator'),
    level: z.number().int().min(0),
    to: z.string(),
    body: z.string(),
  }),
]);
export type SmsJob = z.infer<typeof smsJobSchema>;

/** An inbound two-way SMS event (AWS End User Messaging / SNS two-way SMS). */
export const inboundSmsSchema = z.object({
  originationNumber: z.string(),
  destinationNumber: z.string().optional(),
  messageBody: z.string(),
  inboundMessageId: z.string(),
  previousPublishedMessageId: z.string().optional(),
});
export type InboundSms = z.infer<typeof inboundSmsSchema>;
