import type { SmsJob } from '../schemas/sms-job';

/** Sends one SMS; resolves with the provider's message id, rejects when the provider refused it. */
export interface SmsGateway {
  send(to: string, body: string): Promise<{ messageId: string }>;
}

/** Hands SMS jobs to the dispatcher (SNS → SQS in AWS, in process locally). */
export interface SmsJobQueue {
  enqueue(jobs: SmsJob[]): Promise<void>;
}
