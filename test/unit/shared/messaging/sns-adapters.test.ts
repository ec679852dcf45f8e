import { PublishBatchCommand, SNSClient } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { isThrottling } from '../../../../shared/messaging/ports';
import { SnsSmsJobQueue } from '../../../../shared/messaging/sns-sms-job-queue';
import type { SmsJob } from '../../../../shared/schemas/sms-job';

const sns = mockClient(SNSClient);
const TOPIC = 'arn:aws:sns:eu-west-1:123456789012:SmsJobs';

const job = (n: number): SmsJob => ({
  requestId: 'R',
  kind: 'alert',
  volunteerId: `V${n}`,
  to: '+32470000000',
  body: `alert ${n}`,
});

describe('the SNS adapters', () => {
  beforeEach(() => sns.reset());

  it('publishes SMS jobs ten per PublishBatch call, each job as its own message', async () => {
    sns.on(PublishBatchCommand).resolves({ Successful: [], Failed: [] });
    await new SnsSmsJobQueue(new SNSClient({}), TOPIC).enqueue(Array.from({ length: 23 }, (_, i) => job(i)));

    const calls = sns.commandCalls(PublishBatchCommand);
    expect(calls.map((c) => c.args[0].input.PublishBatchRequestEntries?.length)).toEqual([10, 10, 3]);
    expect(calls[0]!.args[0].input.TopicArn).toBe(TOPIC);
    expect(JSON.parse(calls[2]!.args[0].input.PublishBatchRequestEntries![2]!.Message!)).toEqual(job(22));
  });

  it('keeps up to ten PublishBatch calls in flight, so a mass mobilisation is not one call after the other', async () => {
    let inFlight = 0;
    let most = 0;
    sns.on(PublishBatchCommand).callsFake(async () => {
      most = Math.max(most, ++inFlight);
      await new Promise((resolve) => setTimeout(resolve, 5));
      inFlight--;
      return { Successful: [], Failed: [] };
    });
    await new SnsSmsJobQueue(new SNSClient({}), TOPIC).enqueue(Array.from({ length: 250 }, (_, i) => job(i)));

    expect(sns.commandCalls(PublishBatchCommand)).toHaveLength(25);
    expect(most).toBe(10);
  });

  it('fails the step when SNS refuses part of a batch, so the retry republishes what is still queued', async () => {
    sns.on(PublishBatchCommand).resolves({
      Successful: [],
      Failed: [{ Id: '1', Code: 'InternalError', SenderFault: false }],
    });
    await expect(new SnsSmsJobQueue(new SNSClient({}), TOPIC).enqueue([job(1), job(2)])).rejects.toThrow(
      'SNS refused 1 of 2 SMS jobs',
    );
  });

  it.each([
    ['ThrottledException', true],
    ['KMSThrottlingException', true],
    ['ThrottlingException', true],
    ['InvalidParameterException', false],
    ['InternalErrorException', false],
  ])('treats %s as throttling: %s', (name, throttling) => {
    expect(isThrottling(Object.assign(new Error('x'), { name }))).toBe(throttling);
  });
});
