import { Template } from 'aws-cdk-lib/assertions';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { describe, expect, it } from 'vitest';
import { LIFECYCLE_TASKS } from '../../infra/lifecycle-tasks';
import {
  actionsOf,
  allowing,
  asList,
  dev,
  devTemplate,
  expectFunctionConventions,
  type Json,
  logicalIdOf,
  mentions,
  stageWith,
  statementsOf,
} from './synth';

const template = devTemplate('workflow');
const workflow = dev.workflow;

const functionNamed = (id: string): IFunction => workflow.node.findChild(id) as IFunction;
const mobiliseFn = functionNamed('MobiliseFunction');
const awaitCloseFn = functionNamed('AwaitCloseFunction');
const standDownFn = functionNamed('StandDownFunction');
const alertCoordinatorFn = functionNamed('AlertCoordinatorFunction');
const purgeFn = functionNamed('PurgeAdHocDataFunction');

/** CloudFormation intrinsics inside the definition become readable placeholders, e.g. `<GetAtt:Fn123.Arn>`. */
const placeholderOf = (part: Json): string => {
  if (part?.Ref) return `<Ref:${part.Ref}>`;
  if (part?.['Fn::GetAtt']) return `<GetAtt:${part['Fn::GetAtt'].join('.')}>`;
  return '<token>';
};

const stateMachine = (): Json => {
  const machines = Object.values(template.findResources('AWS::StepFunctions::StateMachine'));
  expect(machines).toHaveLength(1);
  return machines[0];
};

/** The Amazon States Language definition, parsed from its Fn::Join. */
const definition = (): Json => {
  const body = stateMachine().Properties.DefinitionString;
  const text =
    typeof body === 'string'
      ? body
      : (body['Fn::Join'][1] as Json[])
          .map((part) => (typeof part === 'string' ? part : placeholderOf(part)))
          .join('');
  return JSON.parse(text);
};

/** Every state, those inside Parallel branches included, by name. */
const allStates = (asl: Json): Record<string, Json> =>
  Object.assign(
    {},
    asl.States,
    ...Object.values(asl.States as Record<string, Json>).flatMap((state) =>
      (state.Branches ?? []).map((branch: Json) => allStates(branch)),
    ),
  );

const MAX_JS_TIMER_SECONDS = Math.floor((2 ** 31 - 1) / 1000);

describe('workflow stack', () => {
  it('runs one Standard state machine per stage', () => {
    template.resourceCountIs('AWS::StepFunctions::StateMachine', 1);
    expect(stateMachine().Properties.StateMachineType).toBe('STANDARD');
  });

  it('names the state machine after the stack, so its ARN can be built without a circular reference', () => {
    expect(stateMachine().Properties.StateMachineName).toBe(workflow.stateMachineName);
  });

  it('alerts the coordinator and mobilises side by side, awaits the close, stands down, waits the aftercare window, purges and succeeds', () => {
    const asl = definition();
    const order: string[] = [];
    for (let name: string | undefined = asl.StartAt; name; name = asl.States[name]?.Next) order.push(name);
    expect(order).toEqual([
      'AlertAndMobilise',
      'AwaitClose',
      'StandDown',
      'AftercareWindow',
      'PurgeAdHocData',
      'Done',
    ]);
    expect(asl.States.Done.Type).toBe('Succeed');
    const parallel = asl.States.AlertAndMobilise;
    expect(parallel.Type).toBe('Parallel');
    expect(parallel.Branches.map((b: Json) => b.StartAt).sort()).toEqual([
      'FirstWave',
      'PrepareCoordinatorAlert',
    ]);
  });

  it('alerts in numbered waves, gives each its window, then alerts the next wave, widens and mobilises again, or reports the shortfall', () => {
    const states = allStates(definition());
    expect(states.FirstWave).toMatchObject({ Type: 'Pass', Result: { number: 1 }, ResultPath: '$.wave' });
    expect(states.FirstWave.Next).toBe('Mobilise');
    // The wave number goes to Mobilise, so a retried step tops its own wave up.
    expect(states.Mobilise.Parameters).toEqual({
      'requestId.$': '$.requestId',
      'wave.$': '$.wave.number',
    });
    expect(states.Mobilise.Next).toBe('MembersLeft');
    // Members left for a next wave: the wave window; none: the response window.
    expect(asList<Json>(states.MembersLeft.Choices)).toEqual([
      { Variable: '$.mobilisation.moreWaves', BooleanEquals: true, Next: 'PrepareWaveWindow' },
    ]);
    expect(states.MembersLeft.Default).toBe('PrepareResponseWindow');
    expect(states.PrepareWaveWindow.Parameters.Payload['windowSeconds.$']).toBe('$.timing.waveWindowSeconds');
    expect(states.PrepareResponseWindow.Parameters.Payload['windowSeconds.$']).toBe(
      '$.timing.responseWindowSeconds',
    );
    expect(states.PrepareWaveWindow.Next).toBe('AwaitResponses');
    expect(states.PrepareResponseWindow.Next).toBe('AwaitResponses');
    // A callback the close can end early; its timeout is the window, read as for the coordinator alert.
    expect(states.AwaitResponses.Resource).toMatch(/:states:::lambda:invoke\.waitForTaskToken$/);
    expect(states.AwaitResponses.TimeoutSecondsPath).toBe('$.Payload.windowSeconds');
    expect(states.AwaitResponses.Next).toBe('EvaluateResponses');
    expect(asList<Json>(states.AwaitResponses.Catch)).toContainEqual(
      expect.objectContaining({ ErrorEquals: ['States.Timeout'], Next: 'EvaluateResponses' }),
    );
    expect(states.EvaluateResponses.Parameters).toEqual({
      'requestId.$': '$.requestId',
      'moreWaves.$': '$.Payload.moreWaves',
    });
    expect(states.EvaluateResponses.Next).toBe('EnoughVolunteers');
    const choices = asList<Json>(states.EnoughVolunteers.Choices);
    expect(choices).toContainEqual({
      Variable: '$.evaluation.decision',
      StringEquals: 'next-wave',
      Next: 'NextWave',
    });
    expect(choices).toContainEqual({
      Variable: '$.evaluation.decision',
      StringEquals: 'widen',
      Next: 'WidenScope',
    });
    expect(choices).toContainEqual({
      Variable: '$.evaluation.decision',
      StringEquals: 'shortfall',
      Next: 'ShortfallAlert',
    });
    expect(states.WidenScope.Next).toBe('NextWave');
    expect(states.NextWave.Parameters).toEqual({ 'number.$': 'States.MathAdd($.wave.number, 1)' });
    expect(states.NextWave.Next).toBe('Mobilise');
    expect(states.ShortfallAlert.End).toBe(true);
  });

  it('waits the aftercare window as a Wait whose length comes from the execution input', () => {
    const wait = definition().States.AftercareWindow;
    expect(wait.Type).toBe('Wait');
    expect(wait.SecondsPath).toBe('$.timing.aftercareWindowSeconds');
    expect(wait.Seconds).toBeUndefined();
  });

  it('purges with its own function, bounded by a timeout and retried on any error', () => {
    const purge = definition().States.PurgeAdHocData;
    expect(purge.Resource).toBe(`<GetAtt:${logicalIdOf(purgeFn)}.Arn>`);
    expect(purge.TimeoutSeconds).toBe(300);
    expect(asList<Json>(purge.Retry)).toContainEqual(
      expect.objectContaining({ ErrorEquals: ['States.ALL'], MaxAttempts: 4 }),
    );
    const fn = template.findResources('AWS::Lambda::Function')[logicalIdOf(purgeFn)];
    expect(fn?.Properties.Timeout).toBe(300);
  });

  it('hands a step that fails for good to Recover, which the lifecycle leaves only where it can go on', () => {
    const asl = definition();
    const states = allStates(asl);
    for (const failing of ['AlertAndMobilise', 'AwaitClose', 'StandDown']) {
      expect(asList<Json>(states[failing].Catch), failing).toContainEqual(
        expect.objectContaining({
          ErrorEquals: ['States.ALL'],
          Next: `${failing}Failed`,
          ResultPath: '$.failure',
        }),
      );
      expect(states[`${failing}Failed`]).toMatchObject({ Type: 'Pass', Result: failing, Next: 'Recover' });
    }
    expect(states.Recover.Parameters).toEqual({
      'requestId.$': '$.requestId',
      'state.$': '$.failedState',
      'error.$': '$.failure.Error',
    });
    expect(states.Recover.Next).toBe('AfterRecovery');
    expect(asList<Json>(states.AfterRecovery.Choices).map((c: Json) => [c.StringEquals, c.Next])).toEqual([
      ['await-close', 'AwaitClose'],
      ['stand-down', 'StandDown'],
    ]);
    expect(states.AfterRecovery.Default).toBe('AftercareWindow');
    // A recovery that fails too still ends with the purge.
    expect(asList<Json>(states.Recover.Catch)).toContainEqual(
      expect.objectContaining({ ErrorEquals: ['States.ALL'], Next: 'AfterFailedRecovery' }),
    );
    expect(states.AfterFailedRecovery.Default).toBe('AftercareWindow');
    // The coordinator's callback is retried on failures, never on its timeout or an exhausted roster.
    const retries = asList<Json>(states.AlertCoordinator.Retry);
    expect(retries.findIndex((r: Json) => r.ErrorEquals.includes('RosterExhausted'))).toBeLessThan(
      retries.findIndex((r: Json) => r.ErrorEquals.includes('States.TaskFailed')),
    );
    expect(retries.find((r: Json) => r.ErrorEquals.includes('RosterExhausted')).MaxAttempts).toBe(0);
  });

  it('counts a purge that fails its retries, tries again an hour later for a day, then fails the execution', () => {
    const states = allStates(definition());
    expect(asList<Json>(states.PurgeAdHocData.Catch)).toContainEqual(
      expect.objectContaining({
        ErrorEquals: ['States.ALL'],
        Next: 'PurgeFailed',
        ResultPath: '$.purgeError',
      }),
    );
    expect(states.PurgeFailed).toMatchObject({
      Type: 'Task',
      ResultPath: '$.purgeFailures',
      Next: 'PurgeRoundsLeft',
    });
    expect(asList<Json>(states.PurgeRoundsLeft.Choices)).toEqual([
      { Variable: '$.purgeFailures', NumericLessThan: 24, Next: 'PurgeRetryWait' },
    ]);
    expect(states.PurgeRoundsLeft.Default).toBe('PurgeAbandoned');
    expect(states.PurgeRetryWait).toMatchObject({ Type: 'Wait', Seconds: 3600, Next: 'PurgeAdHocData' });
    expect(states.PurgeAbandoned).toMatchObject({ Type: 'Fail', Error: 'PurgeFailed' });
  });

  it('gives the recovery function the duty roster to read, the SMS jobs topic and the crisis-centre number', () => {
    const stage = stageWith('Recovery', { crisisCentrePhone: '+32499000112' });
    const fn = stage.workflow.node.findChild('RecoverFunction') as IFunction;
    const stack = Template.fromStack(stage.workflow);
    const variables =
      stack.findResources('AWS::Lambda::Function')[logicalIdOf(fn)]?.Properties.Environment.Variables;
    expect(variables).toMatchObject({ CRISIS_CENTRE_PHONE: '+32499000112' });
    expect(Object.keys(variables)).toEqual(expect.arrayContaining(['OPERATIONS_TABLE', 'REGISTRY_TABLE']));
    expect(allowing(statementsOf(stack, fn), 'sns:Publish')).toHaveLength(1);
  });

  it('lets the purge function write the Operations and AdHoc tables and append to the audit trail and the erasure ledger, and nothing else', () => {
    const fn = template.findResources('AWS::Lambda::Function')[logicalIdOf(purgeFn)];
    const tables = Object.keys(fn?.Properties.Environment.Variables ?? {}).filter((v) =>
      v.endsWith('_TABLE'),
    );
    expect(tables.sort()).toEqual(['ADHOC_TABLE', 'AUDIT_TABLE', 'ERASURE_LEDGER_TABLE', 'OPERATIONS_TABLE']);
    const statements = statementsOf(template, purgeFn);
    const onTable = (table: { node: { defaultChild?: unknown } }) =>
      statements.filter((st) => mentions(st.Resource, logicalIdOf(table as never))).flatMap(actionsOf);
    expect(onTable(dev.data.adHoc)).toContain('dynamodb:BatchWriteItem');
    expect(onTable(dev.data.audit)).toEqual(['dynamodb:PutItem']);
    expect(onTable(dev.data.erasureLedger)).toEqual(['dynamodb:PutItem']);
    expect(onTable(dev.data.registry)).toEqual([]);
    expect(allowing(statements, 'secretsmanager:GetSecretValue')).toEqual([]);
    expect(allowing(statements, 'sns:Publish')).toEqual([]);
  });

  it('has a task state for every lifecycle task the local runtime maps', () => {
    const states = allStates(definition());
    for (const state of Object.keys(LIFECYCLE_TASKS)) expect(states[state]?.Type, state).toBe('Task');
  });

  it('invokes each task function from its own state', () => {
    const states = allStates(definition());
    expect(states.Mobilise.Resource).toBe(`<GetAtt:${logicalIdOf(mobiliseFn)}.Arn>`);
    expect(states.AwaitClose.Parameters.FunctionName).toBe(`<GetAtt:${logicalIdOf(awaitCloseFn)}.Arn>`);
    expect(states.StandDown.Resource).toBe(`<GetAtt:${logicalIdOf(standDownFn)}.Arn>`);
    expect(states.AlertCoordinator.Parameters.FunctionName).toBe(
      `<GetAtt:${logicalIdOf(alertCoordinatorFn)}.Arn>`,
    );
  });

  it('waits for the coordinator acknowledgement with a timeout taken from the execution input', () => {
    const alert = allStates(definition()).AlertCoordinator;
    expect(alert.Resource).toMatch(/:states:::lambda:invoke\.waitForTaskToken$/);
    expect(alert.Parameters.Payload['taskToken.$']).toBe('$$.Task.Token');
    // The same path resolves against the state input (AWS) and the input after Parameters (the local engine).
    expect(alert.TimeoutSecondsPath).toBe('$.Payload.timing.ackTimeoutSeconds');
    expect(alert.Parameters.Payload['timing.$']).toBe('$.Payload.timing');
  });

  it('escalates to the next backup on a timeout, goes round the roster once more, then reports it exhausted', () => {
    const states = allStates(definition());
    const catches = asList<Json>(states.AlertCoordinator.Catch);
    expect(catches).toContainEqual(
      expect.objectContaining({ ErrorEquals: ['States.Timeout'], Next: 'EscalateToBackup' }),
    );
    expect(catches).toContainEqual(
      expect.objectContaining({ ErrorEquals: ['RosterExhausted'], Next: 'RoundsLeft' }),
    );
    expect(states.EscalateToBackup.Next).toBe('AlertCoordinator');
    expect(states.EscalateToBackup.Parameters.Payload['level.$']).toBe('States.MathAdd($.Payload.level, 1)');
    expect(states.EscalateToBackup.Parameters.Payload['round.$']).toBe('$.Payload.round');
    expect(states.PrepareCoordinatorAlert.Parameters.Payload).toMatchObject({ level: 0, round: 1 });
    expect(asList<Json>(states.RoundsLeft.Choices)).toEqual([
      { Variable: '$.Payload.round', NumericEquals: 1, Next: 'StartSecondRound' },
    ]);
    expect(states.RoundsLeft.Default).toBe('RosterExhausted');
    expect(states.StartSecondRound.Parameters.Payload).toMatchObject({ level: 0, round: 2 });
    expect(states.StartSecondRound.Next).toBe('AlertCoordinator');
    expect(states.RosterExhausted.Type).toBe('Task');
    expect(asList<Json>(states.RosterExhausted.Retry)).toContainEqual(
      expect.objectContaining({ ErrorEquals: ['States.ALL'] }),
    );
  });

  it("gives the roster-exhausted function the stage's crisis-centre number", () => {
    const stage = stageWith('CrisisCentre', { crisisCentrePhone: '+32499000112' });
    const fn = stage.workflow.node.findChild('RosterExhaustedFunction') as IFunction;
    const resources = Template.fromStack(stage.workflow).findResources('AWS::Lambda::Function');
    expect(resources[logicalIdOf(fn)]?.Properties.Environment.Variables.CRISIS_CENTRE_PHONE).toBe(
      '+32499000112',
    );
  });

  it('parks AwaitClose on a task token handed to its function', () => {
    const awaitClose = definition().States.AwaitClose;
    expect(awaitClose.Resource).toMatch(/:states:::lambda:invoke\.waitForTaskToken$/);
    expect(awaitClose.Parameters.Payload['taskToken.$']).toBe('$$.Task.Token');
  });

  it('bounds the AwaitClose wait with a timeout a JavaScript timer can hold', () => {
    const { TimeoutSeconds } = definition().States.AwaitClose;
    expect(TimeoutSeconds).toBeGreaterThan(0);
    expect(TimeoutSeconds).toBeLessThanOrEqual(MAX_JS_TIMER_SECONDS);
  });

  it('loops back to AwaitClose when the wait times out, keeping the state', () => {
    const catches = asList<Json>(definition().States.AwaitClose.Catch);
    expect(catches).toContainEqual(
      expect.objectContaining({ ErrorEquals: ['States.Timeout'], Next: 'AwaitClose', ResultPath: null }),
    );
  });

  it('builds exactly the three task functions, on Node 24, arm64, with active tracing', () => {
    expectFunctionConventions(template, Object.keys(LIFECYCLE_TASKS).length);
  });

  it('lets the state machine invoke its three task functions', () => {
    const invoke = Object.values(template.findResources('AWS::IAM::Policy'))
      .filter((policy: Json) => mentions(policy.Properties.Roles, logicalIdOf(workflow.stateMachine.role)))
      .flatMap((policy: Json) => policy.Properties.PolicyDocument.Statement)
      .filter((s: Json) => asList(s.Action).includes('lambda:InvokeFunction'));
    for (const fn of [mobiliseFn, awaitCloseFn, standDownFn]) {
      expect(
        invoke.some((s: Json) => mentions(s.Resource, logicalIdOf(fn))),
        fn.node.id,
      ).toBe(true);
    }
  });

  it('lets the AwaitClose function resume executions of the lifecycle state machine', () => {
    const resuming = allowing(statementsOf(template, awaitCloseFn), 'states:SendTaskSuccess');
    expect(resuming).toHaveLength(1);
    expect(JSON.stringify(resuming[0]!.Resource)).toContain(`:stateMachine:${workflow.stateMachineName}`);
  });

  it('lets the mobilise function publish to the SMS jobs topic', () => {
    const topicId = logicalIdOf(dev.messaging.smsJobsTopic);
    const publishing = allowing(statementsOf(template, mobiliseFn), 'sns:Publish');
    expect(publishing).toHaveLength(1);
    expect(asList(publishing[0]!.Resource)).toHaveLength(1);
    expect(mentions(publishing[0]!.Resource, topicId)).toBe(true);
  });

  it('lets only the mobilise and stand-down functions publish SMS jobs', () => {
    expect(allowing(statementsOf(template, awaitCloseFn), 'sns:Publish')).toEqual([]);
    expect(allowing(statementsOf(template, standDownFn), 'sns:Publish')).toHaveLength(1);
  });

  it('gives no task function state machine rights beyond resuming from AwaitClose', () => {
    for (const fn of [mobiliseFn, awaitCloseFn, standDownFn]) {
      const states = statementsOf(template, fn)
        .flatMap(actionsOf)
        .filter((a) => a.startsWith('states:'));
      expect(states, fn.node.id).toEqual(fn === awaitCloseFn ? ['states:SendTaskSuccess'] : []);
    }
  });
});
