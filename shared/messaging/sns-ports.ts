import { SNSClient } from '@aws-sdk/client-sns';
import * as z from 'zod';
import type { PortAdapters } from '../compose-ports';
import { once, readVariable } from '../config';
import { VARIABLES } from '../manifest/environment';
import { SnsSmsGateway } from './sns-sms-gateway';
import { SnsSmsJobQueue } from './sns-sms-job-queue';

/** Publishes to the jobs topic, with the SDK's own retries: nothing else retries a publish. */
const jobsSns = once(() => new SNSClient({}));

/**
 * Sends SMS in one try per call: the dispatcher's throttling backoff is the one retry policy of a send, so the
 * SDK's retries would multiply its tries (and a transient error sends the job back to the queue instead).
 */
const smsSns = once(() => new SNSClient({ maxAttempts: 1 }));

/** The SMS job queue (the jobs topic) and the SMS gateway. */
export const snsPorts: PortAdapters<'smsJobs' | 'sms'> = {
  smsJobs: () => new SnsSmsJobQueue(jobsSns(), readVariable(VARIABLES.smsJobsTopic, z.string().min(1))),
  sms: () => new SnsSmsGateway(smsSns()),
};
