import { ArnFormat, Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import type { Metric } from 'aws-cdk-lib/aws-cloudwatch';
import { PolicyDocument, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import {
  FilterPattern,
  LogGroup,
  MetricFilter,
  type RetentionDays,
  SubscriptionFilter,
} from 'aws-cdk-lib/aws-logs';
import { LambdaDestination } from 'aws-cdk-lib/aws-logs-destinations';
import { Subscription, SubscriptionProtocol, Topic } from 'aws-cdk-lib/aws-sns';
import { LambdaSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import {
  AwsCustomResource,
  AwsCustomResourcePolicy,
  type AwsSdkCall,
  PhysicalResourceId,
} from 'aws-cdk-lib/custom-resources';
import type { Construct } from 'constructs';
import { dispatchConcurrency } from '../../shared/domain/origination';
import { SMS_DELIVERY_LOG_RETENTION_DAYS } from '../../shared/domain/retention';
import type { ParameterValues } from '../../shared/manifest/environment';
import { FUNCTIONS, type FunctionName } from '../../shared/manifest/functions';
import { monthlySpendLimitUsd, type StageConfig } from '../config';
import { constructIdOf, HandlerFunction, type StageResources } from '../constructs/handler-function';

// RetentionDays is an enum of day counts: 7 is ONE_WEEK.
const SMS_DELIVERY_LOG_RETENTION: RetentionDays = SMS_DELIVERY_LOG_RETENTION_DAYS;

export interface MessagingStackProps extends StackProps {
  /** What the SMS functions may be granted (the job topic is this stack's own). */
  resources: Omit<StageResources, 'smsJobsTopic'>;
  parameters: ParameterValues;
  sms: StageConfig['sms'];
}

/**
 * SMS fan-out: SMS jobs go out on a topic, an SQS queue buffers them for the dispatcher (bounded concurrency,
 * DLQ after 5 receives), which spreads them over the stage's origination numbers; SNS's delivery status logs come
 * back as receipts through subscription filters; inbound two-way SMS arrive on their own topic.
 */
export class MessagingStack extends Stack {
  readonly smsJobsTopic: Topic;
  readonly dispatchQueue: Queue;
  readonly dispatchDeadLetters: Queue;
  readonly inboundSmsTopic: Topic;
  readonly dispatcher: HandlerFunction;
  readonly inboundHandler: HandlerFunction;
  /** Inbound events the handler failed 3 times (Lambda's on-failure records), kept for replay. */
  readonly inboundFailures: Queue;
  /** Inbound events SNS could not deliver to the handler at all (the subscription's dead-letter queue). */
  readonly inboundUndelivered: Queue;
  /** Replays both queues through the inbound logic once ops enable its event sources. */
  readonly inboundReplay: HandlerFunction;
  readonly deliveryStatusHandler: HandlerFunction;
  /** The role SNS assumes to write the account's SMS delivery status logs. */
  readonly deliveryStatusLogging: Role;
  /** Delivery receipts reporting a failed SMS (each one is retried once, or leaves a volunteer unreachable). */
  readonly failedDeliveries: Metric;

  constructor(scope: Construct, id: string, props: MessagingStackProps) {
    super(scope, id, props);
    const key = new Key(this, 'MessagingKey', {
      description: 'Topics and queues of the SMS pipeline',
      enableKeyRotation: true,
    });

    this.smsJobsTopic = new Topic(this, 'SmsJobs', { masterKey: key, enforceSSL: true });
    const resources: StageResources = { ...props.resources, smsJobsTopic: this.smsJobsTopic };
    /** The manifest's SMS functions, wired below to their queue, topic and log subscriptions. */
    const smsFunction = (name: FunctionName) =>
      new HandlerFunction(this, constructIdOf(name, FUNCTIONS[name]), {
        spec: FUNCTIONS[name],
        resources,
        parameters: props.parameters,
      });
    const dispatch = FUNCTIONS.smsDispatcher;
    this.inboundSmsTopic = new Topic(this, 'InboundSms', { masterKey: key, enforceSSL: true });
    // Lets this account's SMS service, and no other account's, deliver inbound two-way messages to the encrypted topic.
    key.addToResourcePolicy(this.encryptingOnBehalfOfThisAccount('sms-voice'));

    this.dispatchDeadLetters = new Queue(this, 'DispatchDeadLetters', {
      encryption: QueueEncryption.KMS,
      encryptionMasterKey: key,
      enforceSSL: true,
      // Dead jobs carry phone numbers: a week to investigate (the alarm fires at the first one), and gone before the
      // aftercare window ends, so no spontaneous volunteer's number outlives the purge here.
      retentionPeriod: Duration.days(7),
    });
    this.dispatchQueue = new Queue(this, 'DispatchQueue', {
      encryption: QueueEncryption.KMS,
      encryptionMasterKey: key,
      enforceSSL: true,
      visibilityTimeout: Duration.seconds(dispatch.trigger.visibilityTimeoutSeconds),
      deadLetterQueue: { queue: this.dispatchDeadLetters, maxReceiveCount: dispatch.trigger.maxReceives },
    });
    // SNS encrypts what its topics of this account deliver to the encrypted queues: SMS jobs for the dispatch queue,
    // undelivered inbound events for their dead-letter queue. (A topic's own ARN would make a cycle: each topic
    // is encrypted with this key.)
    key.addToResourcePolicy(this.encryptingOnBehalfOfThisAccount('sns'));
    // By hand rather than SqsSubscription, whose key statement for SNS carries no condition.
    const { policyDependable } = this.dispatchQueue.addToResourcePolicy(
      new PolicyStatement({
        principals: [new ServicePrincipal('sns.amazonaws.com')],
        actions: ['sqs:SendMessage'],
        resources: [this.dispatchQueue.queueArn],
        conditions: { ArnEquals: { 'aws:SourceArn': this.smsJobsTopic.topicArn } },
      }),
    );
    const toDispatch = new Subscription(this, 'SmsJobsToDispatchQueue', {
      topic: this.smsJobsTopic,
      protocol: SubscriptionProtocol.SQS,
      endpoint: this.dispatchQueue.queueArn,
      rawMessageDelivery: true,
    });
    if (policyDependable) toDispatch.node.addDependency(policyDependable);

    this.dispatcher = smsFunction('smsDispatcher');
    this.dispatcher.addEventSource(
      new SqsEventSource(this.dispatchQueue, {
        batchSize: dispatch.trigger.batchSize,
        maxConcurrency: dispatchConcurrency(
          props.sms.originationNumbers.length,
          props.sms.partsPerSecondPerNumber,
        ),
        reportBatchItemFailures: true,
      }),
    );

    // Lets the SMS service of this account, and no other, publish the two-way replies it receives.
    this.inboundSmsTopic.addToResourcePolicy(
      new PolicyStatement({
        principals: [new ServicePrincipal('sms-voice.amazonaws.com')],
        actions: ['sns:Publish'],
        resources: [this.inboundSmsTopic.topicArn],
        conditions: { StringEquals: { 'aws:SourceAccount': this.account } },
      }),
    );
    // Kept inbound events carry a phone number: 14 days (SQS's longest) to replay them, gone before the purge.
    const keptForReplay = (id: string) =>
      new Queue(this, id, {
        encryption: QueueEncryption.KMS,
        encryptionMasterKey: key,
        enforceSSL: true,
        retentionPeriod: Duration.days(14),
        visibilityTimeout: Duration.seconds(FUNCTIONS.inboundSmsReplay.trigger.visibilityTimeoutSeconds),
      });
    this.inboundFailures = keptForReplay('InboundSmsFailures');
    this.inboundUndelivered = keptForReplay('InboundSmsUndelivered');

    this.inboundHandler = smsFunction('inboundSmsHandler');
    // SNS invokes asynchronously: 3 attempts, then the event is kept rather than dropped.
    this.inboundHandler.configureAsyncInvoke({
      retryAttempts: 2,
      onFailure: new SqsDestination(this.inboundFailures),
    });
    this.inboundSmsTopic.addSubscription(
      new LambdaSubscription(this.inboundHandler, { deadLetterQueue: this.inboundUndelivered }),
    );
    this.inboundReplay = smsFunction('inboundSmsReplay');
    for (const queue of [this.inboundFailures, this.inboundUndelivered]) {
      this.inboundReplay.addEventSource(
        new SqsEventSource(queue, {
          enabled: false,
          batchSize: FUNCTIONS.inboundSmsReplay.trigger.batchSize,
          reportBatchItemFailures: true,
        }),
      );
    }

    this.deliveryStatusHandler = smsFunction('smsDeliveryStatus');
    const logGroups = {
      Success: `sns/${this.region}/${this.account}/DirectPublishToPhoneNumber`,
      Failure: `sns/${this.region}/${this.account}/DirectPublishToPhoneNumber/Failure`,
    };
    // Each delivery log names the recipient's number. SNS would create these groups itself, never expiring: the
    // stack creates them first, with a retention that ends before any purge.
    const deliveryLogGroups = Object.entries(logGroups).map(([outcome, name]) => {
      const logGroup = new LogGroup(this, `SmsDelivery${outcome}Logs`, {
        logGroupName: name,
        retention: SMS_DELIVERY_LOG_RETENTION,
        removalPolicy: RemovalPolicy.DESTROY,
      });
      new SubscriptionFilter(this, `SmsDelivery${outcome}Receipts`, {
        logGroup,
        destination: new LambdaDestination(this.deliveryStatusHandler),
        filterPattern: FilterPattern.allEvents(),
      });
      return logGroup;
    });
    this.failedDeliveries = new MetricFilter(this, 'FailedDeliveries', {
      logGroup: this.deliveryStatusHandler.logGroup,
      filterPattern: FilterPattern.literal('{ $.message = "sms delivery receipt" && $.status = "failed" }'),
      metricNamespace: 'CrisisVolunteerCorps',
      metricName: 'SmsDeliveryFailures',
      metricValue: '1',
    }).metric({ statistic: 'Sum', period: Duration.minutes(5) });
    this.deliveryStatusLogging = this.smsDeliveryLoggingRole(logGroups.Success);
    const accountSms = this.configureAccountSms(this.deliveryStatusLogging, monthlySpendLimitUsd(props.sms));
    for (const logGroup of deliveryLogGroups) accountSms.node.addDependency(logGroup);
  }

  /** Lets an AWS service use the key for this account's own resources of that service, and no other account's. */
  private encryptingOnBehalfOfThisAccount(service: 'sns' | 'sms-voice'): PolicyStatement {
    return new PolicyStatement({
      principals: [new ServicePrincipal(`${service}.amazonaws.com`)],
      actions: ['kms:GenerateDataKey*', 'kms:Decrypt'],
      resources: ['*'],
      conditions: {
        StringEquals: { 'aws:SourceAccount': this.account },
        ArnLike: { 'aws:SourceArn': this.formatArn({ service, resource: '*' }) },
      },
    });
  }

  /** What SNS needs to write the delivery status log groups of this account and region, and nothing else. */
  private smsDeliveryLoggingRole(logGroupName: string): Role {
    return new Role(this, 'SmsDeliveryStatusLogging', {
      description: 'Lets SNS write SMS delivery status logs (the delivery receipts)',
      assumedBy: new ServicePrincipal('sns.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': this.account } },
      }),
      inlinePolicies: {
        DeliveryStatusLogs: new PolicyDocument({
          statements: [
            new PolicyStatement({
              actions: [
                'logs:CreateLogGroup',
                'logs:CreateLogStream',
                'logs:PutLogEvents',
                'logs:PutMetricFilter',
                'logs:PutRetentionPolicy',
              ],
              // The success group, its /Failure sibling and their streams.
              resources: [
                this.formatArn({
                  service: 'logs',
                  resource: 'log-group',
                  arnFormat: ArnFormat.COLON_RESOURCE_NAME,
                  resourceName: `${logGroupName}*`,
                }),
              ],
            }),
          ],
        }),
      },
    });
  }

  /**
   * The account's SMS settings (SNS has no CloudFormation resource for them): delivery status logging of every SMS,
   * transactional by default, and the monthly spend cap. Deleting the stack leaves them as they are.
   */
  private configureAccountSms(loggingRole: Role, monthlySpendLimitUsd: number): AwsCustomResource {
    const call: AwsSdkCall = {
      service: 'SNS',
      action: 'setSMSAttributes',
      parameters: {
        attributes: {
          DeliveryStatusIAMRole: loggingRole.roleArn,
          DeliveryStatusSuccessSamplingRate: '100',
          DefaultSMSType: 'Transactional',
          MonthlySpendLimit: String(monthlySpendLimitUsd),
        },
      },
      physicalResourceId: PhysicalResourceId.of('sms-account-attributes'),
    };
    return new AwsCustomResource(this, 'SmsAccountAttributes', {
      onCreate: call,
      onUpdate: call,
      installLatestAwsSdk: false,
      policy: AwsCustomResourcePolicy.fromStatements([
        // SetSMSAttributes is an account-level action with no resource to scope it to.
        new PolicyStatement({ actions: ['sns:SetSMSAttributes'], resources: ['*'] }),
        new PolicyStatement({ actions: ['iam:PassRole'], resources: [loggingRole.roleArn] }),
      ]),
    });
  }
}
