import { PublishBatchCommand, type SNSClient } from '@aws-sdk/client-sns';
import type { SmsJob } from '../schemas/sms-job';
import type { SmsJobQueue } from './ports';

const SNS_BATCH = 10;

/** Publishes SMS jobs to the alerts topic, ten per call; the SQS-buffered dispatcher sends them. */
export class SnsSmsJobQueue implements SmsJobQueue {
  constructor(
    private readonly sns: SNSClient,
    private readonly topicArn: string,
  ) {}

  async enqueue(jobs: SmsJob[]): Promise<void> {
    for (let i = 0; i < jobs.length; i += SNS_BATCH) {
      const batch = jobs.slice(i, i + SNS_BATCH);
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
    }
  }
}
