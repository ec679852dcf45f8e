import { SFNClient } from '@aws-sdk/client-sfn';
import * as z from 'zod';
import type { PortAdapters } from '../compose-ports';
import { once, readVariable } from '../config';
import { VARIABLES } from '../manifest/environment';
import { StepFunctionsWorkflow } from './step-functions-workflow';

export const stepFunctionsPorts: PortAdapters<'workflow'> = {
  workflow: () =>
    new StepFunctionsWorkflow(
      new SFNClient({}),
      once(() => readVariable(VARIABLES.stateMachine, z.string().min(1))),
    ),
};
