import { randomUUID } from 'node:crypto';
import type { SQSEvent, SQSRecord } from 'aws-lambda';
import { inBatches } from '../../shared/batches';
import { FUNCTIONS } from '../../shared/manifest/functions';
import type { SmsJobQueue } from '../../shared/messaging/ports';
import type { SmsJob } from '../../shared/schemas/sms-job';
import { type AnyHandler, lambdaContext } from './lambda-context';

const DISPATCHER = FUNCTIONS.smsDispatcher;
/** As the queue's redrive policy: after this many receives a job goes to the dead letters. */
const MAX_RECEIVES = DISPATCHER.trigger.maxReceives;
/** The dispatcher function's timeout (and its local context's). */
const DISPATCHER_TIMEOUT_MS = DISPATCHER.timeoutSeconds * 1000;

interface Batch {
  jobs: SmsJob[];
  receive: number;
}

/**
 * SNS → SQS → dispatcher, in process: jobs wait in the queue and are delivered to the real dispatcher handler in SQS
 * batches by at most `concurrency` dispatchers at once (the event source's maximum concurrency); failed records
 * (partial batch response) become visible again after a short timeout, and what fails the queue's receive limit is parked as a
 * dead letter.
 */
export class LocalSmsJobQueue implements SmsJobQueue {
  readonly deadLetters: SmsJob[] = [];
  /** Jobs handed over so far (each one SNS message) and batches handed to a dispatcher (each one SQS receive). */
  jobsEnqueued = 0;
  batchesDelivered = 0;
  private readonly visible: Batch[] = [];
  /** Batches being dispatched, and failed ones waiting out their visibility timeout. */
  private busy = 0;
  private dispatching = 0;
  private idle: (() => void)[] = [];
  private failure: unknown;
  /** Jobs wait in the queue without a dispatcher: the benchmark times writing alerts with no SMS going out. */
  private held = false;

  /** `afterBatch` runs once the dispatcher finished a batch: the local provider reports deliveries then. */
  constructor(
    private readonly dispatcher: () => AnyHandler,
    private readonly afterBatch: () => Promise<void> = async () => {},
    private readonly concurrency = 2,
  ) {}

  async enqueue(jobs: SmsJob[]): Promise<void> {
    this.jobsEnqueued += jobs.length;
    for (const batch of inBatches(jobs, DISPATCHER.trigger.batchSize))
      this.visible.push({ jobs: batch, receive: 1 });
    // As SNS: the publish returns before any dispatcher sees the jobs.
    setImmediate(() => this.poll());
  }

  /** Stops handing jobs to dispatchers; the batches already with one finish. */
  hold(): void {
    this.held = true;
  }

  /** Hands the waiting jobs to dispatchers again. */
  resume(): void {
    this.held = false;
    this.poll();
  }

  /** Drops the jobs waiting in the queue and hands new ones to dispatchers again; returns how many were dropped. */
  discardWaiting(): number {
    const dropped = this.visible.splice(0).reduce((sum, batch) => sum + batch.jobs.length, 0);
    this.held = false;
    if (!this.busy) for (const resolve of this.idle.splice(0)) resolve();
    return dropped;
  }

  /** Resolves when every job handed over so far has been sent or dead-lettered. */
  async drain(): Promise<void> {
    while (this.visible.length || this.busy) await new Promise<void>((resolve) => this.idle.push(resolve));
    if (this.failure) throw this.failure;
  }

  private poll(): void {
    while (!this.held && this.dispatching < this.concurrency && this.visible.length) {
      const batch = this.visible.shift() as Batch;
      this.dispatching++;
      this.busy++;
      void this.deliver(batch)
        .catch((error: unknown) => {
          this.failure ??= error;
        })
        .finally(() => {
          this.busy--;
          this.poll();
          if (!this.visible.length && !this.busy) for (const resolve of this.idle.splice(0)) resolve();
        });
    }
  }

  private async deliver({ jobs, receive }: Batch): Promise<void> {
    this.batchesDelivered++;
    const records = jobs.map((job): SQSRecord => ({ ...sqsRecordBase(), body: JSON.stringify(job) }));
    let failedIds: string[];
    let timedOut = false;
    try {
      const response = (await this.dispatcher()(
        { Records: records } satisfies SQSEvent,
        lambdaContext('SmsDispatcher', DISPATCHER_TIMEOUT_MS),
      )) as {
        batchItemFailures: { itemIdentifier: string }[];
      };
      failedIds = response.batchItemFailures.map((f) => f.itemIdentifier);
    } catch (error) {
      failedIds = records.map((r) => r.messageId);
      timedOut = error instanceof Error && error.name === 'TimeoutError';
    } finally {
      this.dispatching--;
    }
    await this.afterBatch();
    const failed = jobs.filter((_, index) => failedIds.includes(records[index]!.messageId));
    if (!failed.length) return;
    if (receive >= MAX_RECEIVES) {
      this.deadLetters.push(...failed);
      return;
    }
    // The visibility timeout, shortened: the records come back to the queue, behind what waits there already. After a
    // timeout the invocation's work goes on in this process (Lambda would have stopped it), so its records wait as long
    // as the function may run, as SQS's visibility timeout (longer than the function's) makes them.
    await new Promise((resolve) => setTimeout(resolve, timedOut ? DISPATCHER_TIMEOUT_MS : 50 * receive));
    this.visible.push({ jobs: failed, receive: receive + 1 });
  }
}

/** An SQS record as the event source hands it to a function, without its body. */
export const sqsRecordBase = (queue = 'DispatchQueue'): Omit<SQSRecord, 'body'> => ({
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
  eventSourceARN: `arn:aws:sqs:eu-west-1:000000000000:${queue}`,
  awsRegion: 'eu-west-1',
});
