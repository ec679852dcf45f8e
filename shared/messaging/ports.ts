import type { SmsJob } from '../schemas/sms-job';

/** One SMS as the gateway sends it. */
export interface OutgoingSms {
  to: string;
  body: string;
  /** A number of the pool to send from (a retry through another number, a reply on the number texted); else the pool. */
  from?: string;
  /** Seconds the provider may try to deliver it; it drops what it could not deliver by then. */
  ttlSeconds: number;
  /** Ids that say which SMS this is, passed back on its delivery events: never a name or a phone number. */
  context: Record<string, string>;
}

/** Sends one SMS; resolves with the provider's message id, rejects when the provider refused it. */
export interface SmsGateway {
  send(sms: OutgoingSms): Promise<{ messageId: string }>;
}

/** Hands SMS jobs to the dispatcher (SNS → SQS in AWS, in process locally). */
export interface SmsJobQueue {
  enqueue(jobs: SmsJob[]): Promise<void>;
}

/** The provider will never send this SMS (a number outside the allowed countries, over the maximum price, invalid). */
export class SmsRefused extends Error {
  override readonly name = 'SmsRefused';
}

/** The recipient is on the provider's opt-out list (they texted STOP to the pool). */
export class SmsRecipientOptedOut extends Error {
  override readonly name = 'SmsRecipientOptedOut';
}

/** The error names of the SMS clients when a send exceeds a rate: worth retrying after a pause. */
const THROTTLING_ERRORS = new Set(['ThrottledException', 'KMSThrottlingException', 'ThrottlingException']);

export const isThrottling = (error: unknown): boolean =>
  error instanceof Error && THROTTLING_ERRORS.has(error.name);
