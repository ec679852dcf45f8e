import { randomUUID } from 'node:crypto';
import type { SQSEvent, SQSRecord } from 'aws-lambda';
import type { SmsJobQueue } from '../shared/messaging/ports';
import type { SmsJob } from '../shared/schemas/sms-job';
import { type AnyHandler, lambdaContext } from './lambda-context';

const BATCH = 10;
/** As the queue's redrive policy: after 5 receives a job goes to the dead letters. */
const MAX_RECEIVES = 5;

/**
 * SNS → SQS → dispatcher, in process: jobs are delivered to the real dispatcher handler in SQS batches, failed
 * records (partial batch response) are redelivered, and what fails five times is parked as a dead letter.
 */
export class LocalSmsJobQueue implements SmsJobQueue {
  readonly deadLetters: SmsJob[] = [];
  private readonly inFlight = new Set<Promise<void>>();

  /** `afterBatch` runs once the dispatcher finished a batch: the local provider reports deliveries then. */
  constructor(
    private readonly dispatcher: () => AnyHandler,
    private readonly afterBatch: () => Promise<void> = async () => {},
  ) {}

  async enqueue(jobs: SmsJob[]): Promise<void> {
    for (let i = 0; i < jobs.length; i += BATCH) {
      const delivery = this.deliver(jobs.slice(i, i + BATCH), 1);
      this.inFlight.add(delivery);
      void delivery.finally(() => this.inFlight.delete(delivery));
    }
  }

  /** Resolves when every job handed over so far has been sent or dead-lettered. */
  async drain(): Promise<void> {
    while (this.inFlight.size) await Promise.all([...this.inFlight]);
  }

  private async deliver(jobs: SmsJob[], receive: number): Promise<void> {
    await new Promise((resolve) => setImmediate(resolve));
    const records = jobs.map((job): SQSRecord => ({ ...sqsRecordBase(), body: JSON.stringify(job) }));
    let failedIds: string[];
    try {
      const response = (await this.dispatcher()(
        { Records: records } satisfies SQSEvent,
        lambdaContext('SmsDispatcher'),
      )) as {
        batchItemFailures: { itemIdentifier: string }[];
      };
      failedIds = response.batchItemFailures.map((f) => f.itemIdentifier);
    } catch {
      failedIds = records.map((r) => r.messageId);
    }
    await this.afterBatch();
    const failed = jobs.filter((_, index) => failedIds.includes(records[index]!.messageId));
    if (!failed.length) return;
    if (receive >= MAX_RECEIVES) {
      this.deadLetters.push(...failed);
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 50 * receive));
    await this.deliver(failed, receive + 1);
  }
}

const sqsRecordBase = (): Omit<SQSRecord, 'body'> => ({
  messageId: randomUUID(),
  receiptHandle: 'local',
  attributes: {
    ApproximateReceiveCount: '1',
    SentTimestamp: String(Date.now()),
    SenderId: 'local',
    ApproximateFirstReceiveTimestamp: String(Date.now()),
  },
  messageAttributes: {},
  md5OfBody: '',
  eventSource: 'aws:sqs',
  eventSourceARN: 'arn:aws:sqs:eu-west-1:000000000000:DispatchQueue',
  awsRegion: 'eu-west-1',
});
