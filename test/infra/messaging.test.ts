import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
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
  statementsOf,
} from './synth';

const template = devTemplate('messaging');
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
    template.resourceCountIs('AWS::Lambda::EventSourceMapping', 1);
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

  it.each([
    ['dispatcher', messaging.dispatcher],
    ['inbound handler', messaging.inboundHandler],
  ] as const)('lets the %s publish SMS straight to phone numbers and to no topic', (_name, fn) => {
    const publishing = allowing(statementsOf(template, fn), 'sns:Publish');
    expect(publishing).toEqual([
      { Effect: 'Allow', Action: 'sns:Publish', NotResource: 'arn:aws:sns:*:*:*' },
    ]);
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

  it('runs its two functions on Node 24, arm64, with active tracing and the NodejsFunction handler', () => {
    expectFunctionConventions(template, 2);
  });
});
