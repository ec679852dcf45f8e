import type { SmsJob } from '../schemas/sms-job';

/** Sends one SMS; resolves with the provider's message id, rejects when the provider refused it. */
export interface SmsGateway {
  /** `from`: the origination number to send from; without it the account's default identity is used. */
  send(to: string, body: string, from?: string): Promise<{ messageId: string }>;
}

/** Hands SMS jobs to the dispatcher (SNS → SQS in AWS, in process locally). */
export interface SmsJobQueue {
  enqueue(jobs: SmsJob[]): Promise<void>;
}

/** The error names SNS (client-sns) uses when a send exceeds a rate: worth retrying after a pause. */
const THROTTLING_ERRORS = new Set(['ThrottledException', 'KMSThrottlingException', 'ThrottlingException']);

export const isThrottling = (error: unknown): boolean =>
  error instanceof Error && THROTTLING_ERRORS.has(error.name);
