import { SNSClient } from '@aws-sdk/client-sns';
import * as z from 'zod';
import type { AwsAdapters } from '../aws-ports';
import { once, parseEnv } from '../config';
import { SnsSmsGateway } from './sns-sms-gateway';
import { SnsSmsJobQueue } from './sns-sms-job-queue';

const sns = once(() => new SNSClient({}));

/** The SMS job queue (the jobs topic) and the SMS gateway, on one SNS client. */
export const snsPorts: AwsAdapters<'smsJobs' | 'sms'> = {
  smsJobs: () =>
    new SnsSmsJobQueue(sns(), parseEnv({ SMS_JOBS_TOPIC_ARN: z.string().min(1) }).SMS_JOBS_TOPIC_ARN),
  sms: () => new SnsSmsGateway(sns()),
};
