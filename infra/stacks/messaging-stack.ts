import { Duration, Stack, type StackProps } from 'aws-cdk-lib';
import type { Table } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { LambdaSubscription, SqsSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { HandlerFunction } from '../constructs/handler-function';

export interface MessagingStackProps extends StackProps {
  operations: Table;
  registry: Table;
  adHoc: Table;
  audit: Table;
}

/**
 * SMS fan-out: SMS jobs go out on a topic, an SQS queue buffers them for the dispatcher (bounded concurrency,
 * DLQ after 5 receives); inbound two-way SMS arrive on their own topic and are handled by one function.
 */
export class MessagingStack extends Stack {
  readonly smsJobsTopic: Topic;
  readonly dispatchQueue: Queue;
  readonly dispatchDeadLetters: Queue;
  readonly inboundSmsTopic: Topic;
  readonly dispatcher: HandlerFunction;
  readonly inboundHandler: HandlerFunction;

  constructor(scope: Construct, id: string, props: MessagingStackProps) {
    super(scope, id, props);
    const key = new Key(this, 'MessagingKey', {
      description: 'Topics and queues of the SMS pipeline',
      enableKeyRotation: true,
    });

    this.smsJobsTopic = new Topic(this, 'SmsJobs', { masterKey: key, enforceSSL: true });
    this.inboundSmsTopic = new Topic(this, 'InboundSms', { masterKey: key, enforceSSL: true });
    // Lets the SMS service deliver inbound two-way messages to the encrypted topic.
    key.grant(new ServicePrincipal('sms-voice.amazonaws.com'), 'kms:GenerateDataKey*', 'kms:Decrypt');

    this.dispatchDeadLetters = new Queue(this, 'DispatchDeadLetters', {
      encryption: QueueEncryption.KMS,
      encryptionMasterKey: key,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    this.dispatchQueue = new Queue(this, 'DispatchQueue', {
      encryption: QueueEncryption.KMS,
      encryptionMasterKey: key,
      enforceSSL: true,
      visibilityTimeout: Duration.seconds(180),
      deadLetterQueue: { queue: this.dispatchDeadLetters, maxReceiveCount: 5 },
    });
    this.smsJobsTopic.addSubscription(new SqsSubscription(this.dispatchQueue, { rawMessageDelivery: true }));

    this.dispatcher = new HandlerFunction(this, 'SmsDispatcher', {
      entry: 'functions/sms/dispatch.ts',
      timeout: Duration.seconds(30),
    }).bindTable(props.operations, 'OPERATIONS_TABLE', 'write');
    this.dispatcher.addEventSource(
      new SqsEventSource(this.dispatchQueue, {
        batchSize: 10,
        maxConcurrency: 10,
        reportBatchItemFailures: true,
      }),
    );
    this.allowDirectSms(this.dispatcher);

    this.inboundHandler = new HandlerFunction(this, 'InboundSmsHandler', {
      entry: 'functions/sms/inbound.ts',
    })
      .bindTable(props.operations, 'OPERATIONS_TABLE', 'write')
      .bindTable(props.registry, 'REGISTRY_TABLE', 'write')
      // Replies from spontaneous volunteers: their phone entries and records.
      .bindTable(props.adHoc, 'ADHOC_TABLE', 'read')
      .bindTable(props.audit, 'AUDIT_TABLE', 'append');
    this.inboundSmsTopic.addSubscription(new LambdaSubscription(this.inboundHandler));
    this.allowDirectSms(this.inboundHandler);
  }

  /** SMS straight to phone numbers: `sns:Publish` on anything that is not a topic, and so on no topic at all. */
  private allowDirectSms(fn: HandlerFunction): void {
    fn.addToRolePolicy(
      new PolicyStatement({ actions: ['sns:Publish'], notResources: ['arn:aws:sns:*:*:*'] }),
    );
  }
}
