import { Duration, Stack, type StackProps } from 'aws-cdk-lib';
import type { RestApi } from 'aws-cdk-lib/aws-apigateway';
import { Alarm, ComparisonOperator, type Metric, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import type { StateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import type { Construct } from 'constructs';

export interface ObservabilityStackProps extends StackProps {
  api: RestApi;
  stateMachine: StateMachine;
  dispatchDeadLetters: Queue;
  failedSmsDeliveries: Metric;
  alarmEmails: string[];
}

/** Alarms that need a human, routed to the ops topic. */
export class ObservabilityStack extends Stack {
  readonly opsTopic: Topic;
  readonly alarms: Alarm[];

  constructor(scope: Construct, id: string, props: ObservabilityStackProps) {
    super(scope, id, props);
    this.opsTopic = new Topic(this, 'OpsAlarms', {
      masterKey: new Key(this, 'OpsKey', { enableKeyRotation: true }),
      enforceSSL: true,
    });
    for (const email of props.alarmEmails) this.opsTopic.addSubscription(new EmailSubscription(email));

    const whenAboveZero = {
      threshold: 0,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    };
    this.alarms = [
      new Alarm(this, 'SmsDeadLetters', {
        alarmDescription: 'SMS jobs failed 5 times and wait in the DLQ: volunteers were not alerted',
        metric: props.dispatchDeadLetters.metricApproximateNumberOfMessagesVisible({
          period: Duration.minutes(1),
        }),
        ...whenAboveZero,
      }),
      new Alarm(this, 'SmsDeliveryFailures', {
        alarmDescription:
          'At least 10 SMS failed to deliver in 5 minutes: an origination number may be blocked or a carrier down',
        metric: props.failedSmsDeliveries,
        threshold: 10,
        evaluationPeriods: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      }),
      new Alarm(this, 'LifecycleFailures', {
        alarmDescription: 'A help-request lifecycle execution failed, timed out or was aborted',
        metric: props.stateMachine.metricFailed({ period: Duration.minutes(1) }),
        ...whenAboveZero,
      }),
      new Alarm(this, 'Api5xx', {
        alarmDescription: 'The API answered with server errors',
        metric: props.api.metricServerError({ period: Duration.minutes(1) }),
        ...whenAboveZero,
      }),
    ];
    for (const alarm of this.alarms) alarm.addAlarmAction(new SnsAction(this.opsTopic));
  }
}
