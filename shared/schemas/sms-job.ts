import * as z from 'zod/mini';
import { CLAIM_STATUSES } from '../domain/claim';

/** A dedicated number in E.164 (long code, toll-free, short code with its country prefix). */
export const originationNumberSchema = z
  .string()
  .check(z.regex(/^\+[1-9]\d{4,14}$/, 'an E.164 number, e.g. +32460000001'));

/** The origination numbers an SMS may go out on and the message parts per second each may send. */
export const originationPoolSchema = z.object({
  numbers: z.array(originationNumberSchema),
  partsPerSecond: z._default(z.int().check(z.positive()), 10),
});
export type OriginationPool = z.output<typeof originationPoolSchema>;

const jobBase = {
  requestId: z.string(),
  to: z.string(),
  body: z.string(),
  /** A retry after a failed delivery: the number the failed SMS went out on, which the dispatcher must not use. */
  avoidOrigination: z.optional(z.string()),
  /** A dry exercise's SMS: kept in the request's outbox, never sent to a phone. */
  dry: z.optional(z.literal(true)),
};

/** One SMS to send, as published on the alerts topic and consumed by the dispatcher. */
export const smsJobSchema = z.discriminatedUnion('kind', [
  z.object({
    ...jobBase,
    /** `enough`: every task of the request has its volunteers, so this one, who had not answered, need not come. */
    kind: z.enum(['alert', 'stand-down', 'enough']),
    volunteerId: z.string(),
    /** A spontaneous volunteer: their id stays out of the logs, which the purge cannot reach. */
    spontaneous: z.optional(z.literal(true)),
  }),
  /** A coordinator's update to a volunteer who accepted; one per update and volunteer. */
  z.object({
    ...jobBase,
    kind: z.literal('update'),
    updateId: z.string(),
    volunteerId: z.string(),
    spontaneous: z.optional(z.literal(true)),
  }),
  /** The on-duty coordinator: fewer volunteers accepted than needed and no corps left to widen to. */
  z.object({
    ...jobBase,
    kind: z.literal('shortfall'),
  }),
  /** The Red Cross coordinator at `level` of the duty roster (0 = on duty, then the backups), in `round` 1 or 2. */
  z.object({
    ...jobBase,
    kind: z.literal('coordinator'),
    level: z.int().check(z.minimum(0)),
    round: z.optional(z.int().check(z.minimum(2))),
  }),
  /** The crisis centre: nobody on the duty roster acknowledged the request in two rounds. */
  z.object({
    ...jobBase,
    kind: z.literal('roster-exhausted'),
  }),
  /** The on-duty coordinator: the lifecycle step `state` failed for good and the recovery path took over. */
  z.object({
    ...jobBase,
    kind: z.literal('lifecycle-failed'),
    state: z.string(),
  }),
  /** The claimant of a claim that reached `status`; their phone is the claim's own copy. */
  z.object({
    ...jobBase,
    kind: z.literal('claim-status'),
    claimId: z.string(),
    status: z.enum(CLAIM_STATUSES),
  }),
]);
export type SmsJob = z.infer<typeof smsJobSchema>;

/** Which SMS a job is, without the phone number it goes to (what is kept after sending). */
export type SmsRef = SmsJob extends infer Job ? (Job extends unknown ? Omit<Job, 'to'> : never) : never;

export const withoutRecipient = (job: SmsRef): SmsRef => {
  const { to: _to, ...ref } = job as SmsRef & { to?: string };
  return ref as SmsRef;
};

/** An inbound two-way SMS event (AWS End User Messaging / SNS two-way SMS). */
export const inboundSmsSchema = z.object({
  originationNumber: z.string(),
  destinationNumber: z.optional(z.string()),
  messageBody: z.string(),
  inboundMessageId: z.string(),
  previousPublishedMessageId: z.optional(z.string()),
});
export type InboundSms = z.infer<typeof inboundSmsSchema>;

/**
 * One SMS event of AWS End User Messaging SMS, as the configuration set's event destination publishes it to the SMS
 * events topic; only the fields the receipts use (the destination number, carrier and price are ignored).
 */
export const smsDeliveryEventSchema = z.object({
  /** `TEXT_DELIVERED`, `TEXT_SUCCESSFUL`, `TEXT_TTL_EXPIRED`, `TEXT_UNREACHABLE`, `TEXT_QUEUED` … */
  eventType: z.string().check(z.regex(/^TEXT_[A-Z_]+$/, 'an SMS event type')),
  /** Epoch milliseconds. */
  eventTimestamp: z.int().check(z.positive()),
  messageId: z.string().check(z.minLength(1)),
  messageStatusDescription: z.optional(z.string()),
  /** The number of the pool the SMS went out on (E.164). */
  originationPhoneNumber: z.optional(z.string()),
});
export type SmsDeliveryEvent = z.infer<typeof smsDeliveryEventSchema>;

/** A delivery receipt in the system's own terms, whatever the provider's format. */
export interface DeliveryReceipt {
  messageId: string;
  /** `expired`: not delivered within its time to live, and dropped rather than delivered late. */
  status: 'delivered' | 'failed' | 'expired';
  at: string;
  reason?: string;
  /** The number of the pool the SMS went out on, which a retry avoids. */
  originationNumber?: string;
}

/** Events on the way (queued, pending): the final one follows. */
const NOT_FINAL = new Set(['TEXT_QUEUED', 'TEXT_PENDING']);
/** Depending on the country, carriers confirm with either. */
const DELIVERED = new Set(['TEXT_DELIVERED', 'TEXT_SUCCESSFUL']);

/**
 * The receipt an event gives, or none for an event on the way. Every other final event (unreachable, blocked,
 * invalid, spam, unknown, protect-blocked …) is a failed delivery, with the provider's description as its reason.
 */
export const toDeliveryReceipt = (event: SmsDeliveryEvent): DeliveryReceipt | undefined => {
  if (NOT_FINAL.has(event.eventType)) return undefined;
  const at = new Date(event.eventTimestamp).toISOString();
  if (DELIVERED.has(event.eventType)) return { messageId: event.messageId, status: 'delivered', at };
  const status = event.eventType === 'TEXT_TTL_EXPIRED' ? 'expired' : 'failed';
  return {
    messageId: event.messageId,
    status,
    at,
    reason: event.messageStatusDescription ?? event.eventType,
    ...(event.originationPhoneNumber ? { originationNumber: event.originationPhoneNumber } : {}),
  };
};
