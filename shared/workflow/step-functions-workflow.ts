import { SendTaskSuccessCommand, type SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { withWaveWindow } from '../domain/waves';
import type { LifecycleInput } from '../schemas/help-request';
import type { Workflow } from './ports';

export class StepFunctionsWorkflow implements Workflow {
  constructor(
    private readonly sfn: SFNClient,
    /** Read on first start: the workflow tasks only resume tokens and are not given the ARN (it would be circular). */
    private readonly stateMachineArn: () => string,
  ) {}

  async start(input: LifecycleInput): Promise<void> {
    try {
      await this.sfn.send(
        new StartExecutionCommand({
          stateMachineArn: this.stateMachineArn(),
          name: input.requestId,
          input: JSON.stringify(withWaveWindow(input)),
        }),
      );
    } catch (error) {
      // Same name and same input is already idempotent in Step Functions; a different input for the same
      // request id can only come from a retry that recomputed the timing, and the first execution stands.
      if (!(error instanceof Error && error.name === 'ExecutionAlreadyExists')) throw error;
    }
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
