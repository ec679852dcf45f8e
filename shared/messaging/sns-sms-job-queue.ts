import { PublishBatchCommand, type SNSClient } from '@aws-sdk/client-sns';
import pMap from 'p-map';
import { inBatches } from '../batches';
import type { SmsJob } from '../schemas/sms-job';
import type { SmsJobQueue } from './ports';

const SNS_BATCH = 10;
/** PublishBatch calls in flight: one after the other, the 1,500 calls of a 15,000-volunteer mobilisation take minutes. */
const PUBLISH_CONCURRENCY = 10;

/** Publishes SMS jobs to the alerts topic, ten per call; the SQS-buffered dispatcher sends them. */
export class SnsSmsJobQueue implements SmsJobQueue {
  constructor(
    private readonly sns: SNSClient,
    private readonly topicArn: string,
  ) {}

  async enqueue(jobs: SmsJob[]): Promise<void> {
    await pMap(
      inBatches(jobs, SNS_BATCH),
      async (batch) => {
        const { Failed } = await this.sns.send(
          new PublishBatchCommand({
            TopicArn: this.topicArn,
            PublishBatchRequestEntries: batch.map((job, index) => ({
              Id: String(index),
              Message: JSON.stringify(job),
            })),
          }),
        );
        // A step retry republishes everything still queued; the dispatcher's conditional write drops the repeats.
        if (Failed?.length) throw new Error(`SNS refused ${Failed.length} of ${batch.length} SMS jobs`);
      },
      { concurrency: PUBLISH_CONCURRENCY },
    );
  }
}
