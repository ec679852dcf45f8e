import { SFNClient } from '@aws-sdk/client-sfn';
import * as z from 'zod';
import type { AwsAdapters } from '../aws-ports';
import { once, parseEnv } from '../config';
import { StepFunctionsWorkflow } from './step-functions-workflow';

export const stepFunctionsPorts: AwsAdapters<'workflow'> = {
  workflow: () =>
    new StepFunctionsWorkflow(
      new SFNClient({}),
      once(() => parseEnv({ STATE_MACHINE_ARN: z.string().min(1) }).STATE_MACHINE_ARN),
    ),
};
