import { ArnFormat, Duration, Stack, type StackProps } from 'aws-cdk-lib';
import type { Table } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Topic } from 'aws-cdk-lib/aws-sns';
import {
  Choice,
  Condition,
  DefinitionBody,
  IntegrationPattern,
  JsonPath,
  LogLevel,
  Parallel,
  Pass,
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
import { HandlerFunction } from '../constructs/handler-function';
import { LIFECYCLE_TASKS, STATE_MACHINE_NAME_SUFFIX } from '../lifecycle-tasks';

export interface WorkflowStackProps extends StackProps {
  operations: Table;
  registry: Table;
  adHoc: Table;
  audit: Table;
  smsJobsTopic: Topic;
}

/**
 * How long AwaitClose waits before parking a fresh token. A request may stay open for weeks; re-parking keeps the
 * wait open-ended while every timer stays within what a JavaScript timer can hold (the local engine uses them).
 */
const CLOSE_WAIT = Duration.days(20);

/** Deleting a large call's volunteers in batches of 25 takes seconds; the state bounds it as the function does. */
const PURGE_TIMEOUT = Duration.minutes(5);

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

    const mobiliseFn = new HandlerFunction(this, 'MobiliseFunction', {
      entry: LIFECYCLE_TASKS.Mobilise,
      timeout: Duration.minutes(5),
    })
      .bindTable(props.operations, 'OPERATIONS_TABLE', 'write')
      .bindTable(props.registry, 'REGISTRY_TABLE', 'read')
      .bindTopicPublish(props.smsJobsTopic, 'SMS_JOBS_TOPIC_ARN');
    const awaitCloseFn = new HandlerFunction(this, 'AwaitCloseFunction', {
      entry: LIFECYCLE_TASKS.AwaitClose,
    }).bindTable(props.operations, 'OPERATIONS_TABLE', 'write');
    // The ARN is built from the fixed name: a grant on the state machine itself would be a circular reference.
    const mayResume = new PolicyStatement({
      actions: ['states:SendTaskSuccess'],
      resources: [stateMachineArn],
    });
    awaitCloseFn.addToRolePolicy(mayResume);
    const alertCoordinatorFn = new HandlerFunction(this, 'AlertCoordinatorFunction', {
      entry: LIFECYCLE_TASKS.AlertCoordinator,
    })
      .bindTable(props.operations, 'OPERATIONS_TABLE', 'write')
      .bindTable(props.registry, 'REGISTRY_TABLE', 'read')
      .bindTopicPublish(props.smsJobsTopic, 'SMS_JOBS_TOPIC_ARN');
    alertCoordinatorFn.addToRolePolicy(mayResume);
    const standDownFn = new HandlerFunction(this, 'StandDownFunction', {
      entry: LIFECYCLE_TASKS.StandDown,
      timeout: Duration.minutes(5),
    })
      .bindTable(props.operations, 'OPERATIONS_TABLE', 'write')
      // Checking out whoever is still on site clears their profile's onSiteFor.
      .bindTable(props.registry, 'REGISTRY_TABLE', 'write')
      // Spontaneous volunteers who accepted are stood down too.
      .bindTable(props.adHoc, 'ADHOC_TABLE', 'read')
      .bindTopicPublish(props.smsJobsTopic, 'SMS_JOBS_TOPIC_ARN');
    const purgeFn = new HandlerFunction(this, 'PurgeAdHocDataFunction', {
      entry: LIFECYCLE_TASKS.PurgeAdHocData,
      timeout: PURGE_TIMEOUT,
    })
      .bindTable(props.operations, 'OPERATIONS_TABLE', 'write')
      .bindTable(props.adHoc, 'ADHOC_TABLE', 'write')
      .bindTable(props.audit, 'AUDIT_TABLE', 'append');

    const awaitResponsesFn = new HandlerFunction(this, 'AwaitResponsesFunction', {
      entry: LIFECYCLE_TASKS.AwaitResponses,
    }).bindTable(props.operations, 'OPERATIONS_TABLE', 'write');
    awaitResponsesFn.addToRolePolicy(mayResume);
    const evaluateFn = new HandlerFunction(this, 'EvaluateResponsesFunction', {
      entry: LIFECYCLE_TASKS.EvaluateResponses,
    })
      // Enough volunteers: the ones still waiting are told, once each, through the dispatcher.
      .bindTable(props.operations, 'OPERATIONS_TABLE', 'write')
      .bindTable(props.registry, 'REGISTRY_TABLE', 'read')
      .bindTable(props.adHoc, 'ADHOC_TABLE', 'read')
      .bindTopicPublish(props.smsJobsTopic, 'SMS_JOBS_TOPIC_ARN');
    const widenFn = new HandlerFunction(this, 'WidenScopeFunction', { entry: LIFECYCLE_TASKS.WidenScope })
      .bindTable(props.operations, 'OPERATIONS_TABLE', 'write')
      .bindTable(props.registry, 'REGISTRY_TABLE', 'read');
    const shortfallFn = new HandlerFunction(this, 'ShortfallAlertFunction', {
      entry: LIFECYCLE_TASKS.ShortfallAlert,
    })
      .bindTable(props.operations, 'OPERATIONS_TABLE', 'write')
      .bindTable(props.registry, 'REGISTRY_TABLE', 'read')
      .bindTopicPublish(props.smsJobsTopic, 'SMS_JOBS_TOPIC_ARN');

    /** A task that hands the request id to its function and keeps the result under `resultPath`. */
    const requestTask = (id: string, fn: HandlerFunction, resultPath: string) =>
      new LambdaInvoke(this, id, {
        lambdaFunction: fn,
        payload: TaskInput.fromObject({ requestId: JsonPath.stringAt('$.requestId') }),
        payloadResponseOnly: true,
        resultPath,
      });
    const mobilise = requestTask('Mobilise', mobiliseFn, '$.mobilisation');
    const standDown = requestTask('StandDown', standDownFn, '$.standDown');
    // The aftercare window is a plain Wait: nothing ends it early, and its length comes with the execution input.
    const aftercareWindow = new Wait(this, 'AftercareWindow', {
      time: WaitTime.secondsPath('$.timing.aftercareWindowSeconds'),
    });
    const purge = new LambdaInvoke(this, 'PurgeAdHocData', {
      lambdaFunction: purgeFn,
      payload: TaskInput.fromObject({ requestId: JsonPath.stringAt('$.requestId') }),
      payloadResponseOnly: true,
      taskTimeout: Timeout.duration(PURGE_TIMEOUT),
      resultPath: '$.purge',
    });
    const awaitClose = new LambdaInvoke(this, 'AwaitClose', {
      lambdaFunction: awaitCloseFn,
      integrationPattern: IntegrationPattern.WAIT_FOR_TASK_TOKEN,
      payload: TaskInput.fromObject({
        requestId: JsonPath.stringAt('$.requestId'),
        taskToken: JsonPath.taskToken,
      }),
      taskTimeout: Timeout.duration(CLOSE_WAIT),
      resultPath: '$.close',
    });

    // Mobilisation: alert, give volunteers the response window, then decide: enough, widen to the neighbouring corps
    // (and mobilise them), or tell the coordinator about the shortfall.
    // A callback rather than a Wait, so the close can end the window at once; its timeout is the window. The
    // timing is copied under `Payload` for the timeout path, as for the coordinator alert.
    const prepareResponseWindow = new Pass(this, 'PrepareResponseWindow', {
      parameters: {
        'requestId.$': '$.requestId',
        'timing.$': '$.timing',
        Payload: { 'requestId.$': '$.requestId', 'timing.$': '$.timing' },
      },
    });
    const awaitResponses = new LambdaInvoke(this, 'AwaitResponses', {
      lambdaFunction: awaitResponsesFn,
      integrationPattern: IntegrationPattern.WAIT_FOR_TASK_TOKEN,
      payload: TaskInput.fromObject({
        requestId: JsonPath.stringAt('$.Payload.requestId'),
        timing: JsonPath.objectAt('$.Payload.timing'),
        taskToken: JsonPath.taskToken,
      }),
      taskTimeout: Timeout.at('$.Payload.timing.responseWindowSeconds'),
      resultPath: JsonPath.DISCARD,
    });
    const evaluate = requestTask('EvaluateResponses', evaluateFn, '$.evaluation');
    const widen = requestTask('WidenScope', widenFn, '$.widening');
    const shortfall = requestTask('ShortfallAlert', shortfallFn, '$.shortfall');
    awaitResponses.addCatch(evaluate, { errors: ['States.Timeout'], resultPath: JsonPath.DISCARD });
    const mobilisation = mobilise
      .next(prepareResponseWindow)
      .next(awaitResponses)
      .next(evaluate)
      .next(
        new Choice(this, 'EnoughVolunteers')
          .when(Condition.stringEquals('$.evaluation.decision', 'widen'), widen.next(mobilise))
          .when(Condition.stringEquals('$.evaluation.decision', 'shortfall'), shortfall)
          .otherwise(new Pass(this, 'MobilisationDone')),
      );

    // These steps are safe to repeat (conditional writes; the dispatcher drops SMS already sent), so any failure,
    // a crash between writing alerts and queueing their SMS included, is simply retried.
    for (const idempotentStep of [mobilise, standDown, evaluate, widen, shortfall, purge]) {
      idempotentStep.addRetry({
        errors: ['States.ALL'],
        interval: Duration.seconds(1),
        backoffRate: 2,
        maxAttempts: 4,
      });
    }
    awaitClose.addCatch(awaitClose, { errors: ['States.Timeout'], resultPath: JsonPath.DISCARD });

    // Coordinator alerting: a callback per roster level; no acknowledgement within the ack timeout escalates to
    // the next backup. The level travels under `Payload` so the timeout path reads the same in AWS (state input)
    // and in the local engine (input after Parameters).
    const coordinatorPayload = (level: number | string) => ({
      Payload: {
        'requestId.$': '$.requestId',
        'timing.$': '$.timing',
        ...(typeof level === 'number' ? { level } : { 'level.$': level }),
      },
    });
    const prepareCoordinatorAlert = new Pass(this, 'PrepareCoordinatorAlert', {
      parameters: coordinatorPayload(0),
    });
    const alertCoordinator = new LambdaInvoke(this, 'AlertCoordinator', {
      lambdaFunction: alertCoordinatorFn,
      integrationPattern: IntegrationPattern.WAIT_FOR_TASK_TOKEN,
      payload: TaskInput.fromObject({
        requestId: JsonPath.stringAt('$.Payload.requestId'),
        level: JsonPath.numberAt('$.Payload.level'),
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
        },
      },
    });
    alertCoordinator.addCatch(escalateToBackup, { errors: ['States.Timeout'], resultPath: JsonPath.DISCARD });
    alertCoordinator.addCatch(new Pass(this, 'RosterExhausted'), {
      errors: ['RosterExhausted'],
      resultPath: '$.error',
    });
    escalateToBackup.next(alertCoordinator);

    // Alerting the coordinator never delays the volunteers' alerts: both run side by side.
    const alertAndMobilise = new Parallel(this, 'AlertAndMobilise', { resultPath: JsonPath.DISCARD })
      .branch(prepareCoordinatorAlert.next(alertCoordinator))
      .branch(mobilisation);

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
