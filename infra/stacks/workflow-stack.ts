import { ArnFormat, Duration, Stack, type StackProps } from 'aws-cdk-lib';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import {
  Choice,
  Condition,
  DefinitionBody,
  Fail,
  IntegrationPattern,
  JsonPath,
  LogLevel,
  Parallel,
  Pass,
  Result,
  StateMachine,
  StateMachineType,
  Succeed,
  TaskInput,
  Timeout,
  Wait,
  WaitTime,
} from 'aws-cdk-lib/aws-stepfunctions';
import { LambdaInvoke } from 'aws-cdk-lib/aws-stepfunctions-tasks';
import type { Construct } from 'constructs';
import type { ParameterValues } from '../../shared/manifest/environment';
import { FUNCTIONS, functionsTriggeredBy } from '../../shared/manifest/functions';
import { constructIdOf, HandlerFunction, type StageResources } from '../constructs/handler-function';
import { type LifecycleTaskState, STATE_MACHINE_NAME_SUFFIX } from '../lifecycle-tasks';

export interface WorkflowStackProps extends StackProps {
  /** What the lifecycle's tasks may be granted (the state machine is this stack's own). */
  resources: Omit<StageResources, 'stateMachineArn'>;
  parameters: ParameterValues;
}

/**
 * How long AwaitClose waits before parking a fresh token. A request may stay open for weeks; re-parking keeps the
 * wait open-ended while every timer stays within what a JavaScript timer can hold (the local engine uses them).
 */
const CLOSE_WAIT = Duration.days(20);

/** The purge's state bounds it as its function's timeout does. */
const PURGE_TIMEOUT = Duration.seconds(FUNCTIONS.purgeAdHocData.timeoutSeconds);

/** Retries of a failed step (1, 2, 4, 8 s apart) before its Catch takes over; the purge's rounds are this plus one. */
export const STEP_RETRIES = 4;

/** A purge that failed all its retries is tried again an hour later, for a day, before the execution fails. */
const PURGE_RETRY_WAIT = Duration.hours(1);
const PURGE_ROUNDS = 24;

/** One Standard execution per help request, named after the request (DESIGN §2). */
export class WorkflowStack extends Stack {
  readonly stateMachine: StateMachine;
  readonly stateMachineName: string;

  constructor(scope: Construct, id: string, props: WorkflowStackProps) {
    super(scope, id, props);
    this.stateMachineName = `${this.stackName}-${STATE_MACHINE_NAME_SUFFIX}`;
    const stateMachineArn = this.formatArn({
      service: 'states',
      resource: 'stateMachine',
      resourceName: this.stateMachineName,
      arnFormat: ArnFormat.COLON_RESOURCE_NAME,
    });

    // One function per lifecycle task of the manifest, by state name.
    const tasks = new Map(
      functionsTriggeredBy('task').map(([name, spec]) => [
        spec.trigger.state,
        new HandlerFunction(this, constructIdOf(name, spec), {
          spec,
          resources: { ...props.resources, stateMachineArn },
          parameters: props.parameters,
        }),
      ]),
    );
    const task = (state: LifecycleTaskState): HandlerFunction => tasks.get(state)!;

    /** A task that hands the request id to its function and keeps the result under `resultPath`. */
    const requestTask = (id: string, fn: HandlerFunction, resultPath: string) =>
      new LambdaInvoke(this, id, {
        lambdaFunction: fn,
        payload: TaskInput.fromObject({ requestId: JsonPath.stringAt('$.requestId') }),
        payloadResponseOnly: true,
        resultPath,
      });
    // Waves: the lifecycle numbers its mobilisations (1 at the launch, one more for each next wave or widening), so
    // a retried Mobilise tops its own wave up rather than sending another.
    const firstWave = new Pass(this, 'FirstWave', {
      result: Result.fromObject({ number: 1 }),
      resultPath: '$.wave',
    });
    const nextWave = new Pass(this, 'NextWave', {
      parameters: { 'number.$': 'States.MathAdd($.wave.number, 1)' },
      resultPath: '$.wave',
    });
    const mobilise = new LambdaInvoke(this, 'Mobilise', {
      lambdaFunction: task('Mobilise'),
      payload: TaskInput.fromObject({
        requestId: JsonPath.stringAt('$.requestId'),
        wave: JsonPath.numberAt('$.wave.number'),
      }),
      payloadResponseOnly: true,
      resultPath: '$.mobilisation',
    });
    const standDown = requestTask('StandDown', task('StandDown'), '$.standDown');
    // The aftercare window is a plain Wait: nothing ends it early, and its length comes with the execution input.
    const aftercareWindow = new Wait(this, 'AftercareWindow', {
      time: WaitTime.secondsPath('$.timing.aftercareWindowSeconds'),
    });
    const purge = new LambdaInvoke(this, 'PurgeAdHocData', {
      lambdaFunction: task('PurgeAdHocData'),
      payload: TaskInput.fromObject({ requestId: JsonPath.stringAt('$.requestId') }),
      payloadResponseOnly: true,
      taskTimeout: Timeout.duration(PURGE_TIMEOUT),
      resultPath: '$.purge',
    });
    const awaitClose = new LambdaInvoke(this, 'AwaitClose', {
      lambdaFunction: task('AwaitClose'),
      integrationPattern: IntegrationPattern.WAIT_FOR_TASK_TOKEN,
      payload: TaskInput.fromObject({
        requestId: JsonPath.stringAt('$.requestId'),
        taskToken: JsonPath.taskToken,
      }),
      taskTimeout: Timeout.duration(CLOSE_WAIT),
      resultPath: '$.close',
    });

    // Mobilisation: alert a wave, give it its window, then decide: enough, the next wave while the scope has members
    // left, widen to the neighbouring corps (and mobilise a wave of them), or tell the coordinator the shortfall.
    // The window is the wave window while members are left for a next wave, else the response window. It is a
    // callback rather than a Wait, so the close can end it at once; its timeout is the window. The window travels
    // under `Payload` for the timeout path, as for the coordinator alert, and whether members are left with it.
    const windowOf = (id: string, seconds: string) =>
      new Pass(this, id, {
        parameters: {
          'requestId.$': '$.requestId',
          'timing.$': '$.timing',
          'wave.$': '$.wave',
          Payload: {
            'requestId.$': '$.requestId',
            'timing.$': '$.timing',
            'windowSeconds.$': seconds,
            'moreWaves.$': '$.mobilisation.moreWaves',
          },
        },
      });
    const prepareWaveWindow = windowOf('PrepareWaveWindow', '$.timing.waveWindowSeconds');
    const prepareResponseWindow = windowOf('PrepareResponseWindow', '$.timing.responseWindowSeconds');
    const awaitResponses = new LambdaInvoke(this, 'AwaitResponses', {
      lambdaFunction: task('AwaitResponses'),
      integrationPattern: IntegrationPattern.WAIT_FOR_TASK_TOKEN,
      payload: TaskInput.fromObject({
        requestId: JsonPath.stringAt('$.Payload.requestId'),
        timing: JsonPath.objectAt('$.Payload.timing'),
        windowSeconds: JsonPath.numberAt('$.Payload.windowSeconds'),
        taskToken: JsonPath.taskToken,
      }),
      taskTimeout: Timeout.at('$.Payload.windowSeconds'),
      resultPath: JsonPath.DISCARD,
    });
    const evaluate = new LambdaInvoke(this, 'EvaluateResponses', {
      lambdaFunction: task('EvaluateResponses'),
      payload: TaskInput.fromObject({
        requestId: JsonPath.stringAt('$.requestId'),
        moreWaves: JsonPath.stringAt('$.Payload.moreWaves'),
      }),
      payloadResponseOnly: true,
      resultPath: '$.evaluation',
    });
    const widen = requestTask('WidenScope', task('WidenScope'), '$.widening');
    const shortfall = requestTask('ShortfallAlert', task('ShortfallAlert'), '$.shortfall');
    awaitResponses.addCatch(evaluate, { errors: ['States.Timeout'], resultPath: JsonPath.DISCARD });
    nextWave.next(mobilise);
    mobilise.next(
      new Choice(this, 'MembersLeft')
        .when(Condition.booleanEquals('$.mobilisation.moreWaves', true), prepareWaveWindow)
        .otherwise(prepareResponseWindow),
    );
    prepareWaveWindow.next(awaitResponses);
    prepareResponseWindow.next(awaitResponses);
    awaitResponses
      .next(evaluate)
      .next(
        new Choice(this, 'EnoughVolunteers')
          .when(Condition.stringEquals('$.evaluation.decision', 'next-wave'), nextWave)
          .when(Condition.stringEquals('$.evaluation.decision', 'widen'), widen.next(nextWave))
          .when(Condition.stringEquals('$.evaluation.decision', 'shortfall'), shortfall)
          .otherwise(new Pass(this, 'MobilisationDone')),
      );
    const mobilisation = firstWave.next(mobilise);

    awaitClose.addCatch(awaitClose, { errors: ['States.Timeout'], resultPath: JsonPath.DISCARD });

    // Coordinator alerting: a callback per roster level; no acknowledgement within the ack timeout escalates to
    // the next backup, and past the last backup once more from the top (round 2). Level and round travel under
    // `Payload` so the timeout path reads the same in AWS (state input) and in the local engine (input after
    // Parameters).
    const prepareCoordinatorAlert = new Pass(this, 'PrepareCoordinatorAlert', {
      parameters: { Payload: { 'requestId.$': '$.requestId', 'timing.$': '$.timing', level: 0, round: 1 } },
    });
    const alertCoordinator = new LambdaInvoke(this, 'AlertCoordinator', {
      lambdaFunction: task('AlertCoordinator'),
      integrationPattern: IntegrationPattern.WAIT_FOR_TASK_TOKEN,
      payload: TaskInput.fromObject({
        requestId: JsonPath.stringAt('$.Payload.requestId'),
        level: JsonPath.numberAt('$.Payload.level'),
        round: JsonPath.numberAt('$.Payload.round'),
        timing: JsonPath.objectAt('$.Payload.timing'),
        taskToken: JsonPath.taskToken,
      }),
      taskTimeout: Timeout.at('$.Payload.timing.ackTimeoutSeconds'),
      resultPath: '$.acknowledgement',
    });
    const escalateToBackup = new Pass(this, 'EscalateToBackup', {
      parameters: {
        Payload: {
          'requestId.$': '$.Payload.requestId',
          'timing.$': '$.Payload.timing',
          'level.$': 'States.MathAdd($.Payload.level, 1)',
          'round.$': '$.Payload.round',
        },
      },
    });
    const startSecondRound = new Pass(this, 'StartSecondRound', {
      parameters: {
        Payload: { 'requestId.$': '$.Payload.requestId', 'timing.$': '$.Payload.timing', level: 0, round: 2 },
      },
    });
    // Nobody acknowledged in two rounds: a timeline entry, the alarm's metric and the crisis centre's SMS.
    const rosterExhausted = new LambdaInvoke(this, 'RosterExhausted', {
      lambdaFunction: task('RosterExhausted'),
      payload: TaskInput.fromObject({
        requestId: JsonPath.stringAt('$.Payload.requestId'),
        levels: JsonPath.numberAt('$.Payload.level'),
      }),
      payloadResponseOnly: true,
      resultPath: '$.rosterExhausted',
    });
    alertCoordinator.addCatch(escalateToBackup, { errors: ['States.Timeout'], resultPath: JsonPath.DISCARD });
    alertCoordinator.addCatch(
      new Choice(this, 'RoundsLeft')
        .when(Condition.numberEquals('$.Payload.round', 1), startSecondRound)
        .otherwise(rosterExhausted),
      { errors: ['RosterExhausted'], resultPath: '$.error' },
    );
    escalateToBackup.next(alertCoordinator);
    startSecondRound.next(alertCoordinator);

    // These steps are safe to repeat (conditional writes; the dispatcher drops SMS already sent), so any failure,
    // a crash between writing alerts and queueing their SMS included, is simply retried.
    const retryEveryError = { interval: Duration.seconds(1), backoffRate: 2, maxAttempts: STEP_RETRIES };
    for (const idempotentStep of [mobilise, standDown, evaluate, widen, shortfall, purge, rosterExhausted]) {
      idempotentStep.addRetry({ errors: ['States.ALL'], ...retryEveryError });
    }
    // Callback steps park their token again when retried. A timeout is their answer, not a failure (TaskFailed never
    // matches it), and an exhausted roster goes to its Catch at once.
    alertCoordinator.addRetry({ errors: ['RosterExhausted'], maxAttempts: 0 });
    for (const callbackStep of [alertCoordinator, awaitResponses, awaitClose]) {
      callbackStep.addRetry({ errors: ['States.TaskFailed'], ...retryEveryError });
    }
    // Alerting the coordinator never delays the volunteers' alerts: both run side by side.
    const alertAndMobilise = new Parallel(this, 'AlertAndMobilise', { resultPath: JsonPath.DISCARD })
      .branch(prepareCoordinatorAlert.next(alertCoordinator))
      .branch(mobilisation);

    // The recovery path: a step that still fails after its retries is recorded and the coordinator told (Recover),
    // then the lifecycle goes on where it still can. Every path ends with the aftercare window and the purge, so a
    // failed execution never leaves spontaneous volunteers' data behind.
    const recover = new LambdaInvoke(this, 'Recover', {
      lambdaFunction: task('Recover'),
      payload: TaskInput.fromObject({
        requestId: JsonPath.stringAt('$.requestId'),
        state: JsonPath.stringAt('$.failedState'),
        error: JsonPath.stringAt('$.failure.Error'),
      }),
      payloadResponseOnly: true,
      resultPath: '$.recovery',
    });
    recover.addRetry({ errors: ['States.ALL'], ...retryEveryError });
    // Without a recovery the lifecycle still waits for the close if it can, and ends with the purge either way (a
    // purge refuses an open request: its failed rounds then keep the alarm ringing).
    recover.addCatch(
      new Choice(this, 'AfterFailedRecovery')
        .when(Condition.stringEquals('$.failedState', 'AlertAndMobilise'), awaitClose)
        .otherwise(aftercareWindow),
      { errors: ['States.ALL'], resultPath: '$.recoveryError' },
    );
    recover.next(
      new Choice(this, 'AfterRecovery')
        .when(Condition.stringEquals('$.recovery.next', 'await-close'), awaitClose)
        .when(Condition.stringEquals('$.recovery.next', 'stand-down'), standDown)
        .otherwise(aftercareWindow),
    );
    const recoverFrom = (failed: string) =>
      new Pass(this, `${failed}Failed`, {
        result: Result.fromString(failed),
        resultPath: '$.failedState',
      }).next(recover);
    alertAndMobilise.addCatch(recoverFrom('AlertAndMobilise'), {
      errors: ['States.ALL'],
      resultPath: '$.failure',
    });
    awaitClose.addCatch(recoverFrom('AwaitClose'), { errors: ['States.ALL'], resultPath: '$.failure' });
    standDown.addCatch(recoverFrom('StandDown'), { errors: ['States.ALL'], resultPath: '$.failure' });

    // A purge that fails all its retries: the metric's alarm, then an hour's wait and another round, for a day.
    const purgeFailed = new LambdaInvoke(this, 'PurgeFailed', {
      lambdaFunction: task('PurgeFailed'),
      payload: TaskInput.fromObject({
        requestId: JsonPath.stringAt('$.requestId'),
        error: JsonPath.stringAt('$.purgeError.Error'),
        state: JsonPath.objectAt('$'),
      }),
      payloadResponseOnly: true,
      resultPath: '$.purgeFailures',
    });
    purgeFailed.addRetry({ errors: ['States.ALL'], ...retryEveryError });
    purge.addCatch(purgeFailed, { errors: ['States.ALL'], resultPath: '$.purgeError' });
    purgeFailed.next(
      new Choice(this, 'PurgeRoundsLeft')
        .when(
          Condition.numberLessThan('$.purgeFailures', PURGE_ROUNDS),
          new Wait(this, 'PurgeRetryWait', { time: WaitTime.duration(PURGE_RETRY_WAIT) }).next(purge),
        )
        .otherwise(
          new Fail(this, 'PurgeAbandoned', {
            error: 'PurgeFailed',
            cause: `the purge failed in ${PURGE_ROUNDS} rounds; spontaneous volunteers' data is still stored`,
          }),
        ),
    );

    this.stateMachine = new StateMachine(this, 'Lifecycle', {
      stateMachineName: this.stateMachineName,
      stateMachineType: StateMachineType.STANDARD,
      definitionBody: DefinitionBody.fromChainable(
        alertAndMobilise
          .next(awaitClose)
          .next(standDown)
          .next(aftercareWindow)
          .next(purge)
          .next(new Succeed(this, 'Done')),
      ),
      tracingEnabled: true,
      logs: {
        destination: new LogGroup(this, 'LifecycleLogs', { retention: RetentionDays.THREE_MONTHS }),
        level: LogLevel.ERROR,
        includeExecutionData: false,
      },
    });
  }
}
