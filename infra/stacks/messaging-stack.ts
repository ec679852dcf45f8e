import { Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import type { Metric } from 'aws-cdk-lib/aws-cloudwatch';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { FilterPattern, MetricFilter } from 'aws-cdk-lib/aws-logs';
import {
  CfnConfigurationSet,
  CfnOptOutList,
  CfnPhoneNumber,
  CfnPool,
  CfnProtectConfiguration,
} from 'aws-cdk-lib/aws-smsvoice';
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
import { getCountries } from 'libphonenumber-js/mobile';
import { dispatchConcurrency } from '../../shared/domain/origination';
import { SMS_DEAD_LETTER_RETENTION_DAYS } from '../../shared/domain/retention';
import { MANDATORY_KEYWORDS, OPTIONAL_KEYWORDS } from '../../shared/domain/sms-keywords';
import type { ParameterValues } from '../../shared/manifest/environment';
import { FUNCTIONS, type FunctionName } from '../../shared/manifest/functions';
import { monthlySpendLimitUsd, type StageConfig } from '../config';
import {
  constructIdOf,
  HandlerFunction,
  type SmsSending,
  type StageResources,
} from '../constructs/handler-function';

export interface MessagingStackProps extends StackProps {
  /** What the SMS functions may be granted (the job topic is this stack's own). */
  resources: Omit<StageResources, 'smsJobsTopic'>;
  parameters: ParameterValues;
  sms: StageConfig['sms'];
  /** The countries SMS may go to (the protect configuration): the stage's `allowedPhoneCountries`. */
  allowedPhoneCountries: readonly string[];
  production: boolean;
}

/**
 * SMS through AWS End User Messaging SMS, fanned out by SNS: SMS jobs go out on a topic, an SQS queue buffers them
 * for the dispatcher (bounded concurrency, DLQ after 5 receives), which sends them from the stage's pool of long
 * codes with a time to live, a price cap, the protect configuration (only the allowed countries) and the
 * configuration set; the configuration set's delivery events come back on the SMS events topic, through a queue, as
 * receipts; inbound two-way SMS arrive on their own topic.
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
  /** Where the configuration set's event destination publishes every SMS event. */
  readonly smsEventsTopic: Topic;
  readonly smsEventsQueue: Queue;
  readonly smsEventsDeadLetters: Queue;
  /** The long codes, their pool, opt-out list, protect configuration and configuration set. */
  readonly phoneNumbers: CfnPhoneNumber[];
  readonly pool: CfnPool;
  readonly optOutList: CfnOptOutList;
  readonly protectConfiguration: CfnProtectConfiguration;
  readonly configurationSet: CfnConfigurationSet;
  /** Delivery receipts reporting a failed SMS (each one is retried once, or leaves a volunteer unreachable). */
  readonly failedDeliveries: Metric;

  constructor(scope: Construct, id: string, props: MessagingStackProps) {
    super(scope, id, props);
    const key = new Key(this, 'MessagingKey', {
      description: 'Topics and queues of the SMS pipeline',
      enableKeyRotation: true,
    });

    this.smsJobsTopic = new Topic(this, 'SmsJobs', { masterKey: key, enforceSSL: true });
    this.inboundSmsTopic = new Topic(this, 'InboundSms', { masterKey: key, enforceSSL: true });
    this.smsEventsTopic = new Topic(this, 'SmsEvents', { masterKey: key, enforceSSL: true });
    // Lets this account's SMS service, and no other account's, deliver inbound two-way messages and delivery events to
    // the encrypted topics.
    key.addToResourcePolicy(this.encryptingOnBehalfOfThisAccount('sms-voice'));
    for (const topic of [this.inboundSmsTopic, this.smsEventsTopic]) this.admitSmsService(topic);

    // The pool's numbers: two-way to the inbound topic, keywords in the words the inbound handler reads. Opt-outs are
    // the tool's own (STOP, and AAN / REPRISE / START to rejoin, confirmed in the member's language): the service's
    // automatic list would keep a member who rejoined blocked.
    this.optOutList = new CfnOptOutList(this, 'SmsOptOutList', {});
    const numberSettings = {
      mandatoryKeywords: {
        stop: MANDATORY_KEYWORDS.stop,
        help: MANDATORY_KEYWORDS.help,
      },
      optionalKeywords: OPTIONAL_KEYWORDS,
      optOutListName: this.optOutList.ref,
      selfManagedOptOutsEnabled: true,
      twoWay: { enabled: true, channelArn: this.inboundSmsTopic.topicArn },
      deletionProtectionEnabled: props.production,
    };
    this.phoneNumbers = Array.from(
      { length: props.sms.longCodes },
      (_, i) =>
        new CfnPhoneNumber(this, `LongCode${i + 1}`, {
          isoCountryCode: props.sms.numberCountry,
          numberType: 'LONG_CODE',
          numberCapabilities: ['SMS'],
          ...numberSettings,
        }),
    );
    this.pool = new CfnPool(this, 'SmsPool', {
      originationIdentities: this.phoneNumbers.map((number) => number.attrArn),
      sharedRoutesEnabled: false,
      ...numberSettings,
    });
    // Production numbers are kept when the stack goes (a number once released is gone for good), like the tables.
    if (props.production)
      for (const resource of [...this.phoneNumbers, this.pool])
        resource.applyRemovalPolicy(RemovalPolicy.RETAIN);
    this.protectConfiguration = new CfnProtectConfiguration(this, 'SmsProtect', {
      countryRuleSet: { sms: countryRules(props.allowedPhoneCountries) },
      deletionProtectionEnabled: props.production,
    });
    const configurationSetName = `${this.stackName}-sms`;
    this.configurationSet = new CfnConfigurationSet(this, 'SmsConfigurationSet', {
      configurationSetName,
      protectConfigurationId: this.protectConfiguration.attrProtectConfigurationId,
      eventDestinations: [
        {
          eventDestinationName: 'DeliveryEvents',
          enabled: true,
          matchingEventTypes: ['TEXT_ALL'],
          snsDestination: { topicArn: this.smsEventsTopic.topicArn },
        },
      ],
    });
    const smsSending: SmsSending = {
      pool: this.pool,
      phoneNumbers: this.phoneNumbers,
      configurationSet: this.configurationSet,
      configurationSetName,
      protectConfiguration: this.protectConfiguration,
      maxPricePerMessageUsd: props.sms.maxPricePerMessageUsd,
    };

    const resources: StageResources = { ...props.resources, smsJobsTopic: this.smsJobsTopic, smsSending };
    // The dispatcher spreads its rate over the pool's numbers, which exist once CloudFormation requested them.
    const parameters: ParameterValues = {
      ...props.parameters,
      smsPool: {
        ...props.parameters.smsPool,
        numbers: this.phoneNumbers.map((number) => number.attrPhoneNumber),
      },
    };
    /** The manifest's SMS functions, wired below to their queues and topics. */
    const smsFunction = (name: FunctionName) =>
      new HandlerFunction(this, constructIdOf(name, FUNCTIONS[name]), {
        spec: FUNCTIONS[name],
        resources,
        parameters,
      });
    const dispatch = FUNCTIONS.smsDispatcher;

    this.dispatchDeadLetters = new Queue(this, 'DispatchDeadLetters', {
      encryption: QueueEncryption.KMS,
      encryptionMasterKey: key,
      enforceSSL: true,
      // Dead jobs carry phone numbers: a week to investigate (the alarm fires at the first one), and gone before the
      // aftercare window ends, so no spontaneous volunteer's number outlives the purge here.
      retentionPeriod: Duration.days(SMS_DEAD_LETTER_RETENTION_DAYS),
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
    this.subscribeQueue('SmsJobsToDispatchQueue', this.smsJobsTopic, this.dispatchQueue);

    this.dispatcher = smsFunction('smsDispatcher');
    this.dispatcher.addEventSource(
      new SqsEventSource(this.dispatchQueue, {
        batchSize: dispatch.trigger.batchSize,
        maxConcurrency: dispatchConcurrency(props.sms.longCodes, props.sms.partsPerSecondPerNumber),
        reportBatchItemFailures: true,
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

    // Delivery events name the recipient's number: a week on the dead-letter queue to investigate, gone before the
    // aftercare window ends; the topic keeps nothing.
    const receipts = FUNCTIONS.smsDeliveryStatus.trigger;
    this.smsEventsDeadLetters = new Queue(this, 'SmsEventsDeadLetters', {
      encryption: QueueEncryption.KMS,
      encryptionMasterKey: key,
      enforceSSL: true,
      retentionPeriod: Duration.days(SMS_DEAD_LETTER_RETENTION_DAYS),
    });
    this.smsEventsQueue = new Queue(this, 'SmsEventsQueue', {
      encryption: QueueEncryption.KMS,
      encryptionMasterKey: key,
      enforceSSL: true,
      retentionPeriod: Duration.days(SMS_DEAD_LETTER_RETENTION_DAYS),
      visibilityTimeout: Duration.seconds(receipts.visibilityTimeoutSeconds),
      deadLetterQueue: { queue: this.smsEventsDeadLetters, maxReceiveCount: receipts.maxReceives },
    });
    this.subscribeQueue('SmsEventsToQueue', this.smsEventsTopic, this.smsEventsQueue);
    this.deliveryStatusHandler = smsFunction('smsDeliveryStatus');
    this.deliveryStatusHandler.addEventSource(
      new SqsEventSource(this.smsEventsQueue, {
        batchSize: receipts.batchSize,
        maxBatchingWindow: Duration.seconds(1),
        reportBatchItemFailures: true,
      }),
    );
    this.failedDeliveries = new MetricFilter(this, 'FailedDeliveries', {
      logGroup: this.deliveryStatusHandler.logGroup,
      filterPattern: FilterPattern.literal('{ $.message = "sms delivery receipt" && $.status = "failed" }'),
      metricNamespace: 'CrisisVolunteerCorps',
      metricName: 'SmsDeliveryFailures',
      metricValue: '1',
    }).metric({ statistic: 'Sum', period: Duration.minutes(5) });
    this.limitMonthlySpend(monthlySpendLimitUsd(props.sms));
  }

  /** Raw delivery of a topic to an encrypted queue, admitting this topic alone. */
  private subscribeQueue(id: string, topic: Topic, queue: Queue): void {
    // By hand rather than SqsSubscription, whose key statement for SNS carries no condition.
    const { policyDependable } = queue.addToResourcePolicy(
      new PolicyStatement({
        principals: [new ServicePrincipal('sns.amazonaws.com')],
        actions: ['sqs:SendMessage'],
        resources: [queue.queueArn],
        conditions: { ArnEquals: { 'aws:SourceArn': topic.topicArn } },
      }),
    );
    const subscription = new Subscription(this, id, {
      topic,
      protocol: SubscriptionProtocol.SQS,
      endpoint: queue.queueArn,
      rawMessageDelivery: true,
    });
    if (policyDependable) subscription.node.addDependency(policyDependable);
  }

  /** Lets the SMS service of this account, and no other, publish to the topic (two-way replies, delivery events). */
  private admitSmsService(topic: Topic): void {
    topic.addToResourcePolicy(
      new PolicyStatement({
        principals: [new ServicePrincipal('sms-voice.amazonaws.com')],
        actions: ['sns:Publish'],
        resources: [topic.topicArn],
        conditions: { StringEquals: { 'aws:SourceAccount': this.account } },
      }),
    );
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

  /**
   * The account's monthly SMS spend limit (End User Messaging has no CloudFormation resource for it). Deleting the
   * stack leaves it as it is.
   */
  private limitMonthlySpend(monthlySpendLimitUsd: number): AwsCustomResource {
    const call: AwsSdkCall = {
      service: '@aws-sdk/client-pinpoint-sms-voice-v2',
      action: 'SetTextMessageSpendLimitOverride',
      parameters: { MonthlyLimit: monthlySpendLimitUsd },
      physicalResourceId: PhysicalResourceId.of('sms-spend-limit'),
    };
    return new AwsCustomResource(this, 'SmsSpendLimit', {
      onCreate: call,
      onUpdate: call,
      installLatestAwsSdk: false,
      policy: AwsCustomResourcePolicy.fromStatements([
        // An account-level setting with no resource to scope it to.
        new PolicyStatement({ actions: ['sms-voice:SetTextMessageSpendLimitOverride'], resources: ['*'] }),
      ]),
    });
  }
}

/** Codes libphonenumber knows that are not ISO 3166-1 countries (Ascension, Tristan da Cunha, Kosovo). */
const NOT_ISO_3166 = new Set(['AC', 'TA', 'XK']);

/**
 * The protect configuration's SMS rules: every ISO country libphonenumber knows, allowed when the stage takes its
 * numbers and blocked otherwise (a country left out would be allowed, and drift).
 */
const countryRules = (allowed: readonly string[]) =>
  getCountries()
    .filter((code) => !NOT_ISO_3166.has(code))
    .map((countryCode) => ({
      countryCode,
      protectStatus: allowed.includes(countryCode) ? 'ALLOW' : 'BLOCK',
    }));
