import type { SQSEvent, SQSRecord } from 'aws-lambda';
import { inBatches } from '../../shared/batches';
import { FUNCTIONS } from '../../shared/manifest/functions';
import type { SmsDeliveryEvent } from '../../shared/schemas/sms-job';
import { type AnyHandler, lambdaContext } from './lambda-context';
import { sqsRecordBase } from './sms-job-queue';

const RECEIPTS = FUNCTIONS.smsDeliveryStatus.trigger;

/**
 * The SMS events topic and its queue, in process: the provider's delivery events reach the real delivery-status
 * handler in SQS batches (raw SNS messages); a record it fails comes back after a short wait, up to the queue's
 * receive limit, and is then kept as a dead letter.
 */
export class LocalSmsEventQueue {
  readonly deadLetters: SmsDeliveryEvent[] = [];
  private pending: Promise<void> = Promise.resolve();

  constructor(private readonly handler: () => AnyHandler) {}

  /** Hands the events over; they are applied one batch after the other, in the order they came. */
  publish(events: SmsDeliveryEvent[]): Promise<void> {
    if (!events.length) return this.pending;
    this.pending = this.pending.then(() => this.deliverAll(events));
    return this.pending;
  }

  /** Resolves when every event handed over so far has been applied or dead-lettered. */
  drain(): Promise<void> {
    return this.pending;
  }

  private async deliverAll(events: SmsDeliveryEvent[]): Promise<void> {
    for (const batch of inBatches(events, RECEIPTS.batchSize)) {
      let left = batch;
      for (let receive = 1; left.length; receive++) {
        const failed = await this.deliver(left);
        if (!failed.length) break;
        if (receive >= RECEIPTS.maxReceives) {
          this.deadLetters.push(...failed);
          break;
        }
        await new Promise((resolve) => setTimeout(resolve, 50 * receive));
        left = failed;
      }
    }
  }

  private async deliver(events: SmsDeliveryEvent[]): Promise<SmsDeliveryEvent[]> {
    const records = events.map(
      (event): SQSRecord => ({ ...sqsRecordBase('SmsEvents'), body: JSON.stringify(event) }),
    );
    try {
      const response = (await this.handler()(
        { Records: records } satisfies SQSEvent,
        lambdaContext('SmsDeliveryStatus'),
      )) as { batchItemFailures: { itemIdentifier: string }[] };
      const failedIds = new Set(response.batchItemFailures.map((f) => f.itemIdentifier));
      return events.filter((_, i) => failedIds.has(records[i]!.messageId));
    } catch {
      return events;
    }
  }
}
