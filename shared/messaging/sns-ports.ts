import { SNSClient } from '@aws-sdk/client-sns';
import * as z from 'zod/mini';
import type { PortAdapters } from '../compose-ports';
import { once, readVariable } from '../config';
import { VARIABLES } from '../manifest/environment';
import { SnsSmsJobQueue } from './sns-sms-job-queue';

/** Publishes to the jobs topic, with the SDK's own retries: nothing else retries a publish. */
const jobsSns = once(() => new SNSClient({}));

/** The SMS job queue (the jobs topic). */
export const snsPorts: PortAdapters<'smsJobs'> = {
  smsJobs: () =>
    new SnsSmsJobQueue(jobsSns(), readVariable(VARIABLES.smsJobsTopic, z.string().check(z.minLength(1)))),
};
