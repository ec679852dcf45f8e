import { Match, Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { stageConfigSchema } from '../../infra/config';
import { PRODUCTION_TIMING } from '../../shared/compose-ports';
import { SMS_DEAD_LETTER_RETENTION_DAYS } from '../../shared/domain/retention';
import { MANDATORY_KEYWORDS } from '../../shared/domain/sms-keywords';
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
  prodTemplate,
  stageWith,
  statementsOf,
} from './synth';

const template = devTemplate('messaging');

/** The SDK call the account's SMS spend limit custom resource makes on create. */
const spendLimitCall = (t: Template): Json => {
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
  it('encrypts its three topics, SMS jobs, inbound SMS and SMS events, with its customer-managed key', () => {
    const topics = template.findResources('AWS::SNS::Topic');
    expect(Object.keys(topics).sort()).toEqual(
      [
        logicalIdOf(messaging.smsJobsTopic),
        logicalIdOf(messaging.inboundSmsTopic),
        logicalIdOf(messaging.smsEventsTopic),
      ].sort(),
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

    it('lets the SMS service of this account, and no other, publish inbound SMS and delivery events to their topics', () => {
      for (const topic of [messaging.inboundSmsTopic, messaging.smsEventsTopic]) {
        const statements = Object.values(template.findResources('AWS::SNS::TopicPolicy'))
          .filter((p: Json) => mentions(p.Properties.Topics, logicalIdOf(topic)))
          .flatMap((p: Json) => p.Properties.PolicyDocument.Statement as Json[]);
        const publishing = statements.filter((st) => st.Effect === 'Allow');
        expect(publishing).toEqual([
          expect.objectContaining({
            Action: 'sns:Publish',
            Principal: { Service: 'sms-voice.amazonaws.com' },
            Resource: { Ref: logicalIdOf(topic) },
            Condition: { StringEquals: { 'aws:SourceAccount': messaging.resolve(messaging.account) } },
          }),
        ]);
      }
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
      for (const action of ['sns:Publish', 'sms-voice:SendTextMessage'])
        expect(allowing(statementsOf(template, messaging.inboundReplay), action)).toEqual(
          allowing(statementsOf(template, messaging.inboundHandler), action),
        );
    });
  });

  /** The resources a SendTextMessage may name: the pool, its numbers, the configuration set, the protect configuration. */
  const sendingResources = () => [
    { 'Fn::GetAtt': [logicalIdOf(messaging.pool), 'Arn'] },
    ...messaging.phoneNumbers.map((number) => ({ 'Fn::GetAtt': [logicalIdOf(number), 'Arn'] })),
    { 'Fn::GetAtt': [logicalIdOf(messaging.configurationSet), 'Arn'] },
    { 'Fn::GetAtt': [logicalIdOf(messaging.protectConfiguration), 'Arn'] },
  ];

  it('lets the dispatcher send SMS through End User Messaging from the pool only, and publish nothing', () => {
    const statements = statementsOf(template, messaging.dispatcher);
    expect(allowing(statements, 'sms-voice:SendTextMessage')).toEqual([
      { Effect: 'Allow', Action: 'sms-voice:SendTextMessage', Resource: sendingResources() },
    ]);
    expect(allowing(statements, 'sns:Publish')).toEqual([]);
  });

  it('tells the dispatcher where and how to send: pool, configuration set, protect configuration, price cap', () => {
    const dispatcher = template.findResources('AWS::Lambda::Function')[logicalIdOf(messaging.dispatcher)];
    expect(dispatcher?.Properties.Environment.Variables).toMatchObject({
      SMS_POOL_ARN: { 'Fn::GetAtt': [logicalIdOf(messaging.pool), 'Arn'] },
      SMS_CONFIGURATION_SET: 'Dev-Messaging-sms',
      SMS_PROTECT_CONFIGURATION_ID: {
        'Fn::GetAtt': [logicalIdOf(messaging.protectConfiguration), 'ProtectConfigurationId'],
      },
      SMS_MAX_PRICE_USD: '0.25',
    });
  });

  it('lets the inbound handler answer from the pool and queue SMS on the jobs topic only', () => {
    const statements = statementsOf(template, messaging.inboundHandler);
    expect(allowing(statements, 'sms-voice:SendTextMessage')).toEqual([
      { Effect: 'Allow', Action: 'sms-voice:SendTextMessage', Resource: sendingResources() },
    ]);
    const publishing = allowing(statements, 'sns:Publish');
    expect(publishing).toHaveLength(1);
    expect(mentions(publishing[0]!.Resource, logicalIdOf(messaging.smsJobsTopic))).toBe(true);
  });

  it('gives no other function of the stack the right to send SMS', () => {
    for (const fn of [messaging.deliveryStatusHandler]) {
      expect(allowing(statementsOf(template, fn), 'sms-voice:SendTextMessage')).toEqual([]);
    }
  });

  describe('AWS End User Messaging SMS', () => {
    const only = (type: string) => {
      const resources = Object.values(template.findResources(type));
      expect(resources).toHaveLength(1);
      return resources[0]!.Properties as Json;
    };

    it("requests the stage's long codes, two-way to the inbound topic, with the keywords the inbound handler reads", () => {
      const numbers = Object.values(template.findResources('AWS::SMSVOICE::PhoneNumber'));
      expect(numbers).toHaveLength(1);
      expect(numbers[0]!.Properties).toMatchObject({
        IsoCountryCode: 'BE',
        NumberType: 'LONG_CODE',
        NumberCapabilities: ['SMS'],
        TwoWay: { Enabled: true, ChannelArn: { Ref: logicalIdOf(messaging.inboundSmsTopic) } },
        MandatoryKeywords: {
          STOP: { Message: MANDATORY_KEYWORDS.stop.message },
          HELP: { Message: MANDATORY_KEYWORDS.help.message },
        },
        SelfManagedOptOutsEnabled: true,
        OptOutListName: { Ref: logicalIdOf(messaging.optOutList) },
      });
      const keywords = (numbers[0]!.Properties.OptionalKeywords as Json[]).map((k) => [k.Keyword, k.Action]);
      expect(keywords).toEqual([
        ['AAN', 'OPT_IN'],
        ['REPRISE', 'OPT_IN'],
        ['START', 'OPT_IN'],
        ['HULP', 'AUTOMATIC_RESPONSE'],
        ['AIDE', 'AUTOMATIC_RESPONSE'],
      ]);
    });

    it('pools the numbers with the same keywords, opt-out list and two-way channel, and no shared routes', () => {
      expect(only('AWS::SMSVOICE::Pool')).toMatchObject({
        OriginationIdentities: messaging.phoneNumbers.map((n) => ({ 'Fn::GetAtt': [logicalIdOf(n), 'Arn'] })),
        SharedRoutesEnabled: false,
        SelfManagedOptOutsEnabled: true,
        OptOutListName: { Ref: logicalIdOf(messaging.optOutList) },
        TwoWay: { Enabled: true, ChannelArn: { Ref: logicalIdOf(messaging.inboundSmsTopic) } },
        MandatoryKeywords: {
          STOP: { Message: MANDATORY_KEYWORDS.stop.message },
          HELP: { Message: MANDATORY_KEYWORDS.help.message },
        },
      });
    });

    it("keeps production numbers and their pool, protected from deletion, when the stack goes; not a developer's", () => {
      const prod = prodTemplate('messaging');
      for (const type of ['AWS::SMSVOICE::PhoneNumber', 'AWS::SMSVOICE::Pool']) {
        for (const resource of Object.values(prod.findResources(type))) {
          expect(resource.DeletionPolicy).toBe('Retain');
          expect(resource.Properties.DeletionProtectionEnabled).toBe(true);
        }
        for (const resource of Object.values(template.findResources(type)))
          expect(resource.Properties.DeletionProtectionEnabled).toBe(false);
      }
      expect(Object.keys(prod.findResources('AWS::SMSVOICE::PhoneNumber')).length).toBeGreaterThan(0);
    });

    it('allows SMS to the configured countries only: every other country is blocked', () => {
      const rules = only('AWS::SMSVOICE::ProtectConfiguration').CountryRuleSet.SMS as Json[];
      const allowed = rules.filter((r) => r.ProtectStatus === 'ALLOW').map((r) => r.CountryCode);
      expect(allowed.sort()).toEqual(['BE', 'DE', 'FR', 'LU', 'NL']);
      expect(rules.length).toBeGreaterThan(200);
      expect(rules.find((r) => r.CountryCode === 'US')).toEqual({
        CountryCode: 'US',
        ProtectStatus: 'BLOCK',
      });
    });

    it('sends every SMS event of the configuration set to the SMS events topic, under the protect configuration', () => {
      expect(only('AWS::SMSVOICE::ConfigurationSet')).toMatchObject({
        ConfigurationSetName: 'Dev-Messaging-sms',
        ProtectConfigurationId: {
          'Fn::GetAtt': [logicalIdOf(messaging.protectConfiguration), 'ProtectConfigurationId'],
        },
        EventDestinations: [
          {
            EventDestinationName: 'DeliveryEvents',
            Enabled: true,
            MatchingEventTypes: ['TEXT_ALL'],
            SnsDestination: { TopicArn: { Ref: logicalIdOf(messaging.smsEventsTopic) } },
          },
        ],
      });
    });

    it('hands the events raw to an encrypted queue that feeds the delivery status function in batches', () => {
      template.hasResourceProperties('AWS::SNS::Subscription', {
        Protocol: 'sqs',
        RawMessageDelivery: true,
        TopicArn: { Ref: logicalIdOf(messaging.smsEventsTopic) },
        Endpoint: { 'Fn::GetAtt': [logicalIdOf(messaging.smsEventsQueue), 'Arn'] },
      });
      template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
        FunctionName: { Ref: logicalIdOf(messaging.deliveryStatusHandler) },
        EventSourceArn: { 'Fn::GetAtt': [logicalIdOf(messaging.smsEventsQueue), 'Arn'] },
        BatchSize: 25,
        FunctionResponseTypes: ['ReportBatchItemFailures'],
      });
      const queues = template.findResources('AWS::SQS::Queue');
      expect(queues[logicalIdOf(messaging.smsEventsQueue)]?.Properties).toMatchObject({
        KmsMasterKeyId: { 'Fn::GetAtt': [keyId(), 'Arn'] },
        RedrivePolicy: {
          deadLetterTargetArn: { 'Fn::GetAtt': [logicalIdOf(messaging.smsEventsDeadLetters), 'Arn'] },
          maxReceiveCount: 5,
        },
      });
    });

    it('keeps delivery events (recipient numbers) a week at most, gone before the purge', () => {
      const queues = template.findResources('AWS::SQS::Queue');
      for (const queue of [messaging.smsEventsQueue, messaging.smsEventsDeadLetters]) {
        expect(queues[logicalIdOf(queue)]?.Properties.MessageRetentionPeriod).toBe(
          SMS_DEAD_LETTER_RETENTION_DAYS * 24 * 3600,
        );
      }
      expect(SMS_DEAD_LETTER_RETENTION_DAYS * 24 * 3600).toBeLessThan(
        PRODUCTION_TIMING.aftercareWindowSeconds,
      );
    });

    it('writes no SMS delivery log and subscribes to no log group: the delivery-log scraping is gone', () => {
      expect(template.findResources('AWS::Logs::SubscriptionFilter')).toEqual({});
      const groups = JSON.stringify(template.findResources('AWS::Logs::LogGroup'));
      expect(groups).not.toContain('DirectPublishToPhoneNumber');
    });
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

  it("tells the dispatcher the pool's numbers, as the stack requested them, and their rate", () => {
    const dispatcher = template.findResources('AWS::Lambda::Function')[logicalIdOf(messaging.dispatcher)];
    expect(dispatcher?.Properties.Environment.Variables).toMatchObject({
      SMS_ORIGINATION_NUMBERS: { 'Fn::GetAtt': [logicalIdOf(messaging.phoneNumbers[0]!), 'PhoneNumber'] },
      SMS_PARTS_PER_SECOND: '10',
    });
  });

  it('takes the long codes, the rate, the price cap and the spend cap from the stage configuration', () => {
    const stage = stageWith('Pooled', {
      sms: {
        longCodes: 2,
        partsPerSecondPerNumber: 20,
        maxPricePerMessageUsd: 0.3,
        // 4,000 parts × 0.10 USD × 1.25: 500 USD.
        budget: { plannedWorstCaseParts: 4000, pricePerPartUsd: 0.1, margin: 1.25 },
      },
    });
    const prod = Template.fromStack(stage.messaging);
    expect(Object.keys(prod.findResources('AWS::SMSVOICE::PhoneNumber'))).toHaveLength(2);
    const dispatcher = prod.findResources('AWS::Lambda::Function')[logicalIdOf(stage.messaging.dispatcher)];
    const variables = dispatcher?.Properties.Environment.Variables;
    expect(variables).toMatchObject({ SMS_PARTS_PER_SECOND: '20', SMS_MAX_PRICE_USD: '0.30' });
    for (const number of stage.messaging.phoneNumbers)
      expect(JSON.stringify(variables.SMS_ORIGINATION_NUMBERS)).toContain(
        JSON.stringify({ 'Fn::GetAtt': [logicalIdOf(number), 'PhoneNumber'] }),
      );
    expect(spendLimitCall(prod)).toMatchObject({ parameters: { MonthlyLimit: 500 } });
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

  it('refuses a stage without a long code for its pool, or with an unknown country for its numbers', () => {
    expect(() => stageConfigSchema.parse({ stageName: 'Bad', sms: { longCodes: 0 } })).toThrow();
    expect(() => stageConfigSchema.parse({ stageName: 'Bad', sms: { numberCountry: 'XX' } })).toThrow(
      /ISO 3166-1/,
    );
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

  it("sets the account's monthly SMS spend limit through End User Messaging, and may do nothing else", () => {
    expect(spendLimitCall(template)).toMatchObject({
      service: '@aws-sdk/client-pinpoint-sms-voice-v2',
      action: 'SetTextMessageSpendLimitOverride',
      parameters: { MonthlyLimit: 1 },
    });
    const policies = Object.values(template.findResources('AWS::IAM::Policy')).filter((p) =>
      JSON.stringify(p).includes('SetTextMessageSpendLimitOverride'),
    );
    expect(policies).toHaveLength(1);
    const statements = policies[0]!.Properties.PolicyDocument.Statement as Json[];
    expect(statements.map((st) => st.Action)).toEqual(['sms-voice:SetTextMessageSpendLimitOverride']);
  });
});
