import { Match, Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { stageConfigSchema } from '../../infra/config';
import { PRODUCTION_TIMING } from '../../shared/compose-ports';
import { SMS_DELIVERY_LOG_RETENTION_DAYS } from '../../shared/domain/retention';
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

const template = devTemplate('messaging');

/** The SDK call the account SMS attributes custom resource makes on create. */
const smsAttributesCall = (t: Template): Json => {
  const resources = Object.values(t.findResources('Custom::AWS'));
  expect(resources).toHaveLength(1);
  const create = resources[0]!.Properties.Create;
  if (typeof create === 'string') return JSON.parse(create);
  // Serialised JSON with tokens (the role's ARN) joined in: each token becomes a string naming what it refers to.
  const parts = create['Fn::Join'][1] as Json[];
  return JSON.parse(
    parts.map((p) => (typeof p === 'string' ? p : JSON.stringify(p).replace(/"/g, "'"))).join(''),
  );
};
const messaging = dev.messaging;
const keyId = () => {
  const keys = Object.keys(template.findResources('AWS::KMS::Key'));
  expect(keys).toHaveLength(1);
  return keys[0]!;
};

describe('messaging stack', () => {
  it('encrypts both topics, SMS jobs and inbound SMS, with its customer-managed key', () => {
    const topics = template.findResources('AWS::SNS::Topic');
    expect(Object.keys(topics).sort()).toEqual(
      [logicalIdOf(messaging.smsJobsTopic), logicalIdOf(messaging.inboundSmsTopic)].sort(),
    );
    for (const topic of Object.values(topics)) {
      expect(topic.Properties.KmsMasterKeyId).toEqual({ 'Fn::GetAtt': [keyId(), 'Arn'] });
    }
  });

  it('lets AWS services use its key only on behalf of this account: every service statement names its source', () => {
    const key: Json = Object.values(template.findResources('AWS::KMS::Key'))[0];
    const forServices = (key.Properties.KeyPolicy.Statement as Json[]).filter((st) => st.Principal?.Service);
    expect(forServices.map((st) => st.Principal.Service).sort()).toEqual(
      expect.arrayContaining(['sms-voice.amazonaws.com', 'sns.amazonaws.com']),
    );
    for (const statement of forServices) {
      expect(statement.Condition, JSON.stringify(statement)).toEqual({
        StringEquals: { 'aws:SourceAccount': messaging.resolve(messaging.account) },
        ArnLike: { 'aws:SourceArn': expect.anything() },
      });
      const service = statement.Principal.Service.split('.')[0];
      expect(JSON.stringify(statement.Condition.ArnLike)).toContain(`:${service}:`);
    }
  });

  it('rotates its key', () => {
    template.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
  });

  it('encrypts the dispatch queue and its dead-letter queue with the key', () => {
    for (const queue of [messaging.dispatchQueue, messaging.dispatchDeadLetters]) {
      const resource = template.findResources('AWS::SQS::Queue')[logicalIdOf(queue)];
      expect(resource?.Properties.KmsMasterKeyId).toEqual({ 'Fn::GetAtt': [keyId(), 'Arn'] });
    }
  });

  it('moves an SMS job to the dead-letter queue after 5 failed receives', () => {
    const queue = template.findResources('AWS::SQS::Queue')[logicalIdOf(messaging.dispatchQueue)];
    expect(queue?.Properties.RedrivePolicy).toEqual({
      deadLetterTargetArn: { 'Fn::GetAtt': [logicalIdOf(messaging.dispatchDeadLetters), 'Arn'] },
      maxReceiveCount: 5,
    });
  });

  it('drops dead SMS jobs (phone numbers) before the production aftercare window ends and the purge runs', () => {
    const dead = template.findResources('AWS::SQS::Queue')[logicalIdOf(messaging.dispatchDeadLetters)];
    expect(dead?.Properties.MessageRetentionPeriod).toBe(7 * 24 * 3600);
    expect(dead?.Properties.MessageRetentionPeriod).toBeLessThan(PRODUCTION_TIMING.aftercareWindowSeconds);
  });

  it('keeps a message hidden for at least six dispatcher timeouts, as AWS advises for Lambda consumers', () => {
    const queue = template.findResources('AWS::SQS::Queue')[logicalIdOf(messaging.dispatchQueue)];
    const dispatcher = template.findResources('AWS::Lambda::Function')[logicalIdOf(messaging.dispatcher)];
    expect(queue?.Properties.VisibilityTimeout).toBeGreaterThanOrEqual(6 * dispatcher?.Properties.Timeout);
  });

  it('delivers SMS jobs from the topic to the dispatch queue as raw messages', () => {
    template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'sqs',
      RawMessageDelivery: true,
      TopicArn: { Ref: logicalIdOf(messaging.smsJobsTopic) },
      Endpoint: { 'Fn::GetAtt': [logicalIdOf(messaging.dispatchQueue), 'Arn'] },
    });
  });

  it('feeds the dispatcher from the dispatch queue, reporting failures per message', () => {
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionName: { Ref: logicalIdOf(messaging.dispatcher) },
      EventSourceArn: { 'Fn::GetAtt': [logicalIdOf(messaging.dispatchQueue), 'Arn'] },
      FunctionResponseTypes: ['ReportBatchItemFailures'],
    });
  });

  it('hands inbound SMS from their topic to the inbound handler', () => {
    template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'lambda',
      TopicArn: { Ref: logicalIdOf(messaging.inboundSmsTopic) },
      Endpoint: { 'Fn::GetAtt': [logicalIdOf(messaging.inboundHandler), 'Arn'] },
    });
  });

  describe('no inbound SMS is lost silently', () => {
    const queueOf = (queue: Parameters<typeof logicalIdOf>[0]) =>
      template.findResources('AWS::SQS::Queue')[logicalIdOf(queue)];
    const FOURTEEN_DAYS = 14 * 24 * 3600;

    it('tries a failing inbound event 3 times (2 retries), then keeps it on the inbound failures queue', () => {
      template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
        FunctionName: { Ref: logicalIdOf(messaging.inboundHandler) },
        MaximumRetryAttempts: 2,
        DestinationConfig: {
          OnFailure: { Destination: { 'Fn::GetAtt': [logicalIdOf(messaging.inboundFailures), 'Arn'] } },
        },
      });
    });

    it('keeps inbound events SNS could not deliver to the handler on a dead-letter queue of the subscription', () => {
      template.hasResourceProperties('AWS::SNS::Subscription', {
        Protocol: 'lambda',
        TopicArn: { Ref: logicalIdOf(messaging.inboundSmsTopic) },
        RedrivePolicy: {
          deadLetterTargetArn: { 'Fn::GetAtt': [logicalIdOf(messaging.inboundUndelivered), 'Arn'] },
        },
      });
    });

    it('encrypts both queues with the key and keeps their messages 14 days, gone before the purge of the aftercare window', () => {
      for (const queue of [messaging.inboundFailures, messaging.inboundUndelivered]) {
        expect(queueOf(queue)?.Properties).toMatchObject({
          KmsMasterKeyId: { 'Fn::GetAtt': [keyId(), 'Arn'] },
          MessageRetentionPeriod: FOURTEEN_DAYS,
        });
        expect(FOURTEEN_DAYS).toBeLessThanOrEqual(PRODUCTION_TIMING.aftercareWindowSeconds);
      }
    });

    it('lets SNS, and only from this topic, write to the encrypted subscription dead-letter queue', () => {
      const policies = Object.values(template.findResources('AWS::SQS::QueuePolicy')).filter((p: Json) =>
        mentions(p.Properties.Queues, logicalIdOf(messaging.inboundUndelivered)),
      );
      const sends = policies.flatMap((p: Json) =>
        (p.Properties.PolicyDocument.Statement as Json[]).filter((st) => st.Effect === 'Allow'),
      );
      expect(sends).toEqual([
        expect.objectContaining({
          Action: 'sqs:SendMessage',
          Principal: { Service: 'sns.amazonaws.com' },
          Condition: { ArnEquals: { 'aws:SourceArn': { Ref: logicalIdOf(messaging.inboundSmsTopic) } } },
        }),
      ]);
      const key: Json = Object.values(template.findResources('AWS::KMS::Key'))[0];
      const forSns = (key.Properties.KeyPolicy.Statement as Json[]).filter(
        (st) => st.Principal?.Service === 'sns.amazonaws.com',
      );
      expect(forSns.flatMap((st) => asList(st.Action))).toEqual(
        expect.arrayContaining(['kms:GenerateDataKey*', 'kms:Decrypt']),
      );
    });

    it('lets the SMS service of this account, and no other, publish inbound SMS to the topic', () => {
      const statements = Object.values(template.findResources('AWS::SNS::TopicPolicy'))
        .filter((p: Json) => mentions(p.Properties.Topics, logicalIdOf(messaging.inboundSmsTopic)))
        .flatMap((p: Json) => p.Properties.PolicyDocument.Statement as Json[]);
      const publishing = statements.filter((st) => st.Effect === 'Allow');
      expect(publishing).toEqual([
        expect.objectContaining({
          Action: 'sns:Publish',
          Principal: { Service: 'sms-voice.amazonaws.com' },
          Resource: { Ref: logicalIdOf(messaging.inboundSmsTopic) },
          Condition: { StringEquals: { 'aws:SourceAccount': messaging.resolve(messaging.account) } },
        }),
      ]);
    });

    it('replays both queues through the replay function once ops enable its event sources (off by default)', () => {
      for (const queue of [messaging.inboundFailures, messaging.inboundUndelivered]) {
        template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
          FunctionName: { Ref: logicalIdOf(messaging.inboundReplay) },
          EventSourceArn: { 'Fn::GetAtt': [logicalIdOf(queue), 'Arn'] },
          Enabled: false,
          FunctionResponseTypes: ['ReportBatchItemFailures'],
        });
      }
    });

    it('gives the replay function the tables and the SMS access of the inbound handler', () => {
      const variables = (fn: Parameters<typeof logicalIdOf>[0]) =>
        template.findResources('AWS::Lambda::Function')[logicalIdOf(fn)]?.Properties.Environment.Variables;
      expect(variables(messaging.inboundReplay)).toEqual(variables(messaging.inboundHandler));
      expect(allowing(statementsOf(template, messaging.inboundReplay), 'sns:Publish')).toEqual(
        allowing(statementsOf(template, messaging.inboundHandler), 'sns:Publish'),
      );
    });
  });

  it('lets the dispatcher publish SMS straight to phone numbers and to no topic', () => {
    const publishing = allowing(statementsOf(template, messaging.dispatcher), 'sns:Publish');
    expect(publishing).toEqual([
      { Effect: 'Allow', Action: 'sns:Publish', NotResource: 'arn:aws:sns:*:*:*' },
    ]);
  });

  it('lets the inbound handler answer phone numbers directly and queue SMS on the jobs topic only', () => {
    const publishing = allowing(statementsOf(template, messaging.inboundHandler), 'sns:Publish');
    expect(publishing).toHaveLength(2);
    expect(publishing).toContainEqual({
      Effect: 'Allow',
      Action: 'sns:Publish',
      NotResource: 'arn:aws:sns:*:*:*',
    });
    const topics = publishing.filter((s) => s.Resource !== undefined);
    expect(topics).toHaveLength(1);
    expect(mentions(topics[0]!.Resource, logicalIdOf(messaging.smsJobsTopic))).toBe(true);
  });

  it('gives the dispatcher no access to the SMS jobs topic: its jobs arrive through the queue', () => {
    const topicId = logicalIdOf(messaging.smsJobsTopic);
    const statements = statementsOf(template, messaging.dispatcher);
    expect(statements.filter((s) => mentions(s.Resource, topicId))).toEqual([]);
    const snsWithResource = statements.filter(
      (s) => s.Resource !== undefined && actionsOf(s).some((a) => a.startsWith('sns:') || a === '*'),
    );
    expect(snsWithResource).toEqual([]);
  });

  it('lets the dispatcher consume only the dispatch queue', () => {
    const sqsStatements = statementsOf(template, messaging.dispatcher).filter((s) =>
      actionsOf(s).some((a) => a.startsWith('sqs:')),
    );
    expect(sqsStatements.length).toBeGreaterThan(0);
    for (const statement of sqsStatements) {
      expect(asList<Json>(statement.Resource)).toEqual([
        { 'Fn::GetAtt': [logicalIdOf(messaging.dispatchQueue), 'Arn'] },
      ]);
      expect(actionsOf(statement)).not.toContain('sqs:SendMessage');
    }
  });

  it('enforces TLS on its topics and queues', () => {
    template.allResourcesProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: Match.objectLike({
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      }),
    });
    template.allResourcesProperties('AWS::SQS::QueuePolicy', {
      PolicyDocument: Match.objectLike({
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      }),
    });
  });

  it('runs its four functions on Node 24, arm64, with active tracing and the NodejsFunction handler', () => {
    expectFunctionConventions(template, 4);
  });

  it('tells the dispatcher its origination numbers and their rate (the default pool: account default, 10 parts/s)', () => {
    const dispatcher = template.findResources('AWS::Lambda::Function')[logicalIdOf(messaging.dispatcher)];
    expect(dispatcher?.Properties.Environment.Variables).toMatchObject({
      SMS_ORIGINATION_NUMBERS: '',
      SMS_PARTS_PER_SECOND: '10',
    });
  });

  it('takes the origination pool, the rate and the spend cap from the stage configuration', () => {
    const stage = stageWith('Pooled', {
      sms: {
        originationNumbers: ['+32460000001', '+32460000002'],
        partsPerSecondPerNumber: 20,
        // 4,000 parts × 0.10 USD × 1.25: 500 USD.
        budget: { plannedWorstCaseParts: 4000, pricePerPartUsd: 0.1, margin: 1.25 },
      },
    });
    const prod = Template.fromStack(stage.messaging);
    const dispatcher = prod.findResources('AWS::Lambda::Function')[logicalIdOf(stage.messaging.dispatcher)];
    expect(dispatcher?.Properties.Environment.Variables).toMatchObject({
      SMS_ORIGINATION_NUMBERS: '+32460000001,+32460000002',
      SMS_PARTS_PER_SECOND: '20',
    });
    expect(JSON.stringify(smsAttributesCall(prod))).toContain('"MonthlySpendLimit":"500"');
  });

  it("counts failed delivery receipts from the delivery status function's own logs", () => {
    template.hasResourceProperties('AWS::Logs::MetricFilter', {
      LogGroupName: { Ref: Match.stringLikeRegexp('^SmsDeliveryStatusLogs') },
      FilterPattern: '{ $.message = "sms delivery receipt" && $.status = "failed" }',
      MetricTransformations: [
        { MetricNamespace: 'CrisisVolunteerCorps', MetricName: 'SmsDeliveryFailures', MetricValue: '1' },
      ],
    });
  });

  it('sizes the dispatch event source to the pool', () => {
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionName: { Ref: logicalIdOf(messaging.dispatcher) },
      ScalingConfig: { MaximumConcurrency: 2 },
    });
  });

  it('refuses a stage whose origination numbers are not E.164', () => {
    expect(() =>
      stageConfigSchema.parse({ stageName: 'Bad', sms: { originationNumbers: ['0460 00 00 01'] } }),
    ).toThrow(/E\.164/);
  });

  it('feeds both SNS SMS delivery status log groups to the delivery status function', () => {
    const filters = Object.values(template.findResources('AWS::Logs::SubscriptionFilter'));
    // Which groups they read: below, with the groups' retention.
    expect(filters).toHaveLength(2);
    for (const filter of filters) {
      expect(filter.Properties.FilterPattern).toBe('');
      expect(filter.Properties.DestinationArn).toEqual({
        'Fn::GetAtt': [logicalIdOf(messaging.deliveryStatusHandler), 'Arn'],
      });
    }
    template.hasResourceProperties('AWS::Lambda::Permission', {
      FunctionName: { 'Fn::GetAtt': [logicalIdOf(messaging.deliveryStatusHandler), 'Arn'] },
      Principal: 'logs.amazonaws.com',
    });
  });

  describe('no phone number outlives the purge in the SMS delivery logs', () => {
    /** The success and failure groups, as the stack defines them. */
    const deliveryLogGroups = () => {
      const groups = Object.entries(template.findResources('AWS::Logs::LogGroup')).filter(([, g]) =>
        JSON.stringify(g.Properties.LogGroupName ?? '').includes('DirectPublishToPhoneNumber'),
      );
      expect(groups).toHaveLength(2);
      return groups;
    };

    it('creates both delivery status log groups itself, before SNS would create them without expiry', () => {
      const names = deliveryLogGroups().map(([, g]) => JSON.stringify(g.Properties.LogGroupName));
      expect(names.some((n) => n.endsWith('/DirectPublishToPhoneNumber"]]}'))).toBe(true);
      expect(names.some((n) => n.endsWith('/DirectPublishToPhoneNumber/Failure"]]}'))).toBe(true);
    });

    it('keeps their events a week, shorter than the production aftercare window, and deletes them with the stack', () => {
      for (const [, group] of deliveryLogGroups()) {
        expect(group.Properties.RetentionInDays).toBe(SMS_DELIVERY_LOG_RETENTION_DAYS);
        expect(group.DeletionPolicy).toBe('Delete');
      }
      expect(SMS_DELIVERY_LOG_RETENTION_DAYS * 24 * 3600).toBeLessThan(
        PRODUCTION_TIMING.aftercareWindowSeconds,
      );
    });

    it('reads the receipts from the groups it created, and turns delivery logging on only once they exist', () => {
      const ids = deliveryLogGroups().map(([id]) => id);
      const filters = Object.values(template.findResources('AWS::Logs::SubscriptionFilter'));
      expect(filters.map((f) => f.Properties.LogGroupName)).toEqual(
        expect.arrayContaining(ids.map((id) => ({ Ref: id }))),
      );
      const [accountSettings] = Object.values(
        template.findResources('AWS::CloudFormation::CustomResource'),
      ).concat(Object.values(template.findResources('Custom::AWS')));
      expect(accountSettings?.DependsOn).toEqual(expect.arrayContaining(ids));
    });
  });

  it('lets the delivery status function update SMS records, read recipients and requeue on the jobs topic, nothing more', () => {
    const statements = statementsOf(template, messaging.deliveryStatusHandler);
    // Members' phones in the Registry, spontaneous volunteers' in AdHoc: read only.
    for (const table of [dev.data.registry, dev.data.adHoc]) {
      const onTable = statements.filter((st) => mentions(st.Resource, logicalIdOf(table)));
      expect(onTable.length).toBeGreaterThan(0);
      for (const statement of onTable) {
        expect(actionsOf(statement).filter((a) => /Put|Update|Delete|Write/.test(a))).toEqual([]);
      }
    }
    const publishing = allowing(statements, 'sns:Publish');
    expect(publishing).toHaveLength(1);
    expect(publishing[0]?.Resource).toEqual({ Ref: logicalIdOf(messaging.smsJobsTopic) });
    const fn = template.findResources('AWS::Lambda::Function')[logicalIdOf(messaging.deliveryStatusHandler)];
    expect(Object.keys(fn?.Properties.Environment.Variables)).toEqual(
      expect.arrayContaining(['OPERATIONS_TABLE', 'REGISTRY_TABLE', 'SMS_JOBS_TOPIC_ARN']),
    );
    expect(fn?.Properties.Environment.Variables).not.toHaveProperty('AUDIT_TABLE');
  });

  it('sets the account SMS attributes: delivery logs of every SMS through its role, transactional, a spend cap', () => {
    const call = smsAttributesCall(template);
    expect(call).toMatchObject({ service: 'SNS', action: 'setSMSAttributes' });
    expect(call.parameters.attributes).toMatchObject({
      DeliveryStatusSuccessSamplingRate: '100',
      DefaultSMSType: 'Transactional',
      MonthlySpendLimit: '1',
    });
    expect(JSON.stringify(call.parameters.attributes.DeliveryStatusIAMRole)).toContain(
      logicalIdOf(messaging.deliveryStatusLogging),
    );
  });

  it('lets the custom resource set SMS attributes and pass only the delivery logging role', () => {
    const policies = Object.values(template.findResources('AWS::IAM::Policy')).filter((p) =>
      JSON.stringify(p).includes('sns:SetSMSAttributes'),
    );
    expect(policies).toHaveLength(1);
    const statements = policies[0]!.Properties.PolicyDocument.Statement as Json[];
    expect(statements.map((st) => st.Action).sort()).toEqual(['iam:PassRole', 'sns:SetSMSAttributes']);
    const passRole = statements.find((st) => st.Action === 'iam:PassRole');
    expect(passRole.Resource).toEqual({
      'Fn::GetAtt': [logicalIdOf(messaging.deliveryStatusLogging), 'Arn'],
    });
  });

  it('lets only SNS of this account assume the delivery logging role, to write the SNS SMS log groups only', () => {
    const role = template.findResources('AWS::IAM::Role')[logicalIdOf(messaging.deliveryStatusLogging)];
    expect(role?.Properties.AssumeRolePolicyDocument.Statement).toEqual([
      {
        Action: 'sts:AssumeRole',
        Effect: 'Allow',
        Principal: { Service: 'sns.amazonaws.com' },
        Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } },
      },
    ]);
    const statements = role?.Properties.Policies.flatMap((p: Json) => p.PolicyDocument.Statement) as Json[];
    expect(statements).toHaveLength(1);
    expect(actionsOf(statements[0]).every((a) => a.startsWith('logs:'))).toBe(true);
    expect(JSON.stringify(statements[0].Resource)).toContain('DirectPublishToPhoneNumber*');
  });
});
