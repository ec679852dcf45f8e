import { SendTaskSuccessCommand, SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { StepFunctionsWorkflow } from '../../../../shared/workflow/step-functions-workflow';

const sfn = mockClient(SFNClient);
const ARN = 'arn:aws:states:eu-west-1:123456789012:stateMachine:Dev-Workflow-lifecycle';
const input = {
  requestId: '01JB0000000000000000000000',
  timing: { ackTimeoutSeconds: 300, responseWindowSeconds: 900, aftercareWindowSeconds: 1209600 },
};
const named = (name: string) => Object.assign(new Error(name), { name });

describe('the Step Functions workflow adapter', () => {
  const workflow = () => new StepFunctionsWorkflow(new SFNClient({}), () => ARN);
  beforeEach(() => sfn.reset());

  it('starts one execution named after the request, with the request id and timing as input', async () => {
    sfn.on(StartExecutionCommand).resolves({ executionArn: 'x', startDate: new Date() });
    const timing = { ...input.timing, waveWindowSeconds: 300 };
    await workflow().start({ ...input, timing });
    expect(sfn.commandCalls(StartExecutionCommand)[0]!.args[0].input).toEqual({
      stateMachineArn: ARN,
      name: input.requestId,
      input: JSON.stringify({ ...input, timing }),
    });
  });

  it('gives the waves the response window when the stage sets no wave window: the state machine reads it by path', async () => {
    sfn.on(StartExecutionCommand).resolves({ executionArn: 'x', startDate: new Date() });
    await workflow().start(input);
    const started = JSON.parse(sfn.commandCalls(StartExecutionCommand)[0]!.args[0].input.input!);
    expect(started.timing).toEqual({ ...input.timing, waveWindowSeconds: 900 });
  });

  it('treats an execution that already exists for the request as started', async () => {
    sfn.on(StartExecutionCommand).rejects(named('ExecutionAlreadyExists'));
    await expect(workflow().start(input)).resolves.toBeUndefined();
  });

  it('lets other start failures through, so the launch is taken back', async () => {
    sfn.on(StartExecutionCommand).rejects(named('ThrottlingException'));
    await expect(workflow().start(input)).rejects.toThrow('ThrottlingException');
  });

  it('resumes a waiting task with its output, and ignores a task that already ended', async () => {
    sfn.on(SendTaskSuccessCommand, { taskToken: 'live' }).resolves({});
    sfn.on(SendTaskSuccessCommand, { taskToken: 'gone' }).rejects(named('TaskTimedOut'));
    await workflow().resume('live', { closedBy: 'c-1' });
    await expect(workflow().resume('gone', {})).resolves.toBeUndefined();
    expect(sfn.commandCalls(SendTaskSuccessCommand)[0]!.args[0].input).toEqual({
      taskToken: 'live',
      output: '{"closedBy":"c-1"}',
    });
  });

  it('does not hide an invalid token', async () => {
    sfn.on(SendTaskSuccessCommand).rejects(named('InvalidToken'));
    await expect(workflow().resume('garbage', {})).rejects.toThrow('InvalidToken');
  });
});
