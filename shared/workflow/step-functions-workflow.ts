import { SendTaskSuccessCommand, type SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { withWaveWindow } from '../domain/waves';
import type { ActivationInput } from '../schemas/activation';
import type { LifecycleInput } from '../schemas/lifecycle';
import type { ActivationWorkflow, Workflow } from './ports';

/**
 * Starts an execution under a name of ours. Same name and same input is already idempotent in Step Functions; a
 * different input for the same name can only come from a retry that recomputed it, and the first execution stands.
 */
const startNamed = async (sfn: SFNClient, stateMachineArn: string, name: string, input: object) => {
  try {
    await sfn.send(new StartExecutionCommand({ stateMachineArn, name, input: JSON.stringify(input) }));
  } catch (error) {
    if (!(error instanceof Error && error.name === 'ExecutionAlreadyExists')) throw error;
  }
};

export class StepFunctionsWorkflow implements Workflow {
  constructor(
    private readonly sfn: SFNClient,
    /** Read on first start: the workflow tasks only resume tokens and are not given the ARN (it would be circular). */
    private readonly stateMachineArn: () => string,
  ) {}

  async start(input: LifecycleInput): Promise<void> {
    await startNamed(this.sfn, this.stateMachineArn(), input.requestId, withWaveWindow(input));
  }

  async resume(taskToken: string, output: Record<string, unknown>): Promise<void> {
    try {
      await this.sfn.send(new SendTaskSuccessCommand({ taskToken, output: JSON.stringify(output) }));
    } catch (error) {
      // The task already ended (timed out or resumed by an earlier retry): nothing is waiting any more.
      if (error instanceof Error && (error.name === 'TaskTimedOut' || error.name === 'TaskDoesNotExist'))
        return;
      throw error;
    }
  }
}

export class StepFunctionsActivationWorkflow implements ActivationWorkflow {
  constructor(
    private readonly sfn: SFNClient,
    private readonly stateMachineArn: () => string,
  ) {}

  async start(input: ActivationInput): Promise<void> {
    await startNamed(this.sfn, this.stateMachineArn(), input.activationId, input);
  }
}
