import { SFNClient } from '@aws-sdk/client-sfn';
import * as z from 'zod/mini';
import type { PortAdapters } from '../compose-ports';
import { once, readVariable } from '../config';
import { VARIABLES } from '../manifest/environment';
import { StepFunctionsActivationWorkflow, StepFunctionsWorkflow } from './step-functions-workflow';

export const stepFunctionsPorts: PortAdapters<'workflow'> = {
  workflow: () =>
    new StepFunctionsWorkflow(
      new SFNClient({}),
      once(() => readVariable(VARIABLES.stateMachine, z.string().check(z.minLength(1)))),
    ),
};

export const stepFunctionsActivationPorts: PortAdapters<'activationWorkflow'> = {
  activationWorkflow: () =>
    new StepFunctionsActivationWorkflow(
      new SFNClient({}),
      once(() => readVariable(VARIABLES.activationStateMachine, z.string().check(z.minLength(1)))),
    ),
};
