import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import {
  dev,
  devTemplate,
  expectFunctionConventions,
  type Json,
  logicalIdOf,
  mentions,
  render,
  stageWith,
} from './synth';

const template = devTemplate('observability');
const observability = dev.observability;

const alarmsOn = (namespace: string, metricName: string): Json[] =>
  Object.values(template.findResources('AWS::CloudWatch::Alarm')).filter(
    (a: Json) => a.Properties.Namespace === namespace && a.Properties.MetricName === metricName,
  );

const dimension = (alarm: Json, name: string): Json =>
  (alarm.Properties.Dimensions as Json[]).find((d) => d.Name === name)?.Value;

describe('observability stack', () => {
  const queueAlarms = (queue: Parameters<typeof logicalIdOf>[0]): Json[] =>
    alarmsOn('AWS/SQS', 'ApproximateNumberOfMessagesVisible').filter((a) =>
      mentions(dimension(a, 'QueueName'), logicalIdOf(queue)),
    );

  it.each([
    ['an SMS job lands in the dispatch dead-letter queue', dev.messaging.dispatchDeadLetters],
    ['an inbound SMS failed 3 times in its handler', dev.messaging.inboundFailures],
    ['SNS could not deliver an inbound SMS to its handler', dev.messaging.inboundUndelivered],
  ])('alarms as soon as %s', (_what, queue) => {
    const alarms = queueAlarms(queue);
    expect(alarms).toHaveLength(1);
    expect(alarms[0].Properties).toMatchObject({ ComparisonOperator: 'GreaterThanThreshold', Threshold: 0 });
  });

  it('alarms when a lifecycle or an activation execution fails', () => {
    const alarms = alarmsOn('AWS/States', 'ExecutionsFailed');
    expect(alarms).toHaveLength(2);
    for (const machine of [dev.workflow.stateMachine, dev.workflow.activationStateMachine]) {
      const alarm = alarms.find((a) => mentions(dimension(a, 'StateMachineArn'), logicalIdOf(machine)));
      expect(alarm?.Properties).toMatchObject({ ComparisonOperator: 'GreaterThanThreshold', Threshold: 0 });
    }
  });

  it('alarms when an activation could not mobilise a corps', () => {
    const alarms = alarmsOn('CrisisVolunteerCorps', 'ActivationCorpsFailed');
    expect(alarms).toHaveLength(1);
    expect(alarms[0]!.Properties).toMatchObject({ ComparisonOperator: 'GreaterThanThreshold', Threshold: 0 });
  });

  it('alarms when the API answers with server errors', () => {
    const alarms = alarmsOn('AWS/ApiGateway', '5XXError');
    expect(alarms).toHaveLength(1);
    const [alarm] = alarms;
    expect(dimension(alarm, 'ApiName')).toBe(dev.api.api.restApiName);
    expect(alarm.Properties).toMatchObject({ ComparisonOperator: 'GreaterThanThreshold', Threshold: 0 });
  });

  it('alarms when 10 or more SMS fail to send or deliver within 5 minutes (a blocked number, a carrier outage)', () => {
    const alarms = alarmsOn('CrisisVolunteerCorps', 'SmsFailures');
    expect(alarms).toHaveLength(1);
    expect(dimension(alarms[0], 'service')).toBe('crisis-volunteer-corps');
    expect(alarms[0].Properties).toMatchObject({
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      Threshold: 10,
      Period: 300,
      Statistic: 'Sum',
    });
  });

  it("alarms when the month's SMS spend reaches 50 % and 80 % of the account's spend limit", () => {
    const thresholds = (stage: typeof dev) =>
      Object.values(Template.fromStack(stage.observability).findResources('AWS::CloudWatch::Alarm'))
        .filter(
          (a: Json) =>
            a.Properties.Namespace === 'AWS/SNS' && a.Properties.MetricName === 'SMSMonthToDateSpentUSD',
        )
        .map((a: Json) => a.Properties.Threshold)
        .sort((a: number, b: number) => a - b);
    const planned = stageWith('Planned', {
      sms: { budget: { plannedWorstCaseParts: 50_000, pricePerPartUsd: 0.08, margin: 1.25 } },
    });

    expect(thresholds(dev)).toEqual([0.5, 0.8]);
    expect(thresholds(planned)).toEqual([2500, 4000]);
  });

  it('alarms on any throttled Lambda invocation in the account', () => {
    const alarms = alarmsOn('AWS/Lambda', 'Throttles');
    expect(alarms).toHaveLength(1);
    expect(alarms[0].Properties.Dimensions).toBeUndefined();
    expect(alarms[0].Properties).toMatchObject({ ComparisonOperator: 'GreaterThanThreshold', Threshold: 0 });
  });

  it('alarms when the SMS provider throttles 20 or more sends within 5 minutes', () => {
    const alarms = alarmsOn('CrisisVolunteerCorps', 'SmsThrottled');
    expect(alarms).toHaveLength(1);
    expect(alarms[0].Properties).toMatchObject({
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      Threshold: 20,
      Period: 300,
    });
  });

  it.each([
    ['CoordinatorRosterExhausted', 'nobody on the duty roster acknowledged a request in two rounds'],
    ['LaunchedWithoutDutyRoster', 'a request was launched through the API while the duty roster was empty'],
    ['LifecycleStepFailures', 'a lifecycle step failed after its retries and the recovery path took over'],
    ['PurgeFailures', "a purge failed after its retries: spontaneous volunteers' data is still stored"],
  ])('alarms on the first %s: %s', (metricName) => {
    const alarms = alarmsOn('CrisisVolunteerCorps', metricName);
    expect(alarms).toHaveLength(1);
    expect(dimension(alarms[0], 'service')).toBe('crisis-volunteer-corps');
    expect(alarms[0].Properties).toMatchObject({ ComparisonOperator: 'GreaterThanThreshold', Threshold: 0 });
  });

  it('notifies the ops topic from every alarm, each described under its runbook name', () => {
    const alarms = Object.entries(template.findResources('AWS::CloudWatch::Alarm'));
    expect(alarms).toHaveLength(16);
    for (const [logicalId, alarm] of alarms) {
      expect(alarm.Properties.AlarmActions).toEqual([{ Ref: logicalIdOf(observability.opsTopic) }]);
      expect(logicalId.startsWith(alarm.Properties.AlarmDescription.split(':')[0])).toBe(true);
    }
  });

  it('shows API traffic, executions, SMS and their spend, queues, throttles, acceptance times, purges and the WAF on one dashboard', () => {
    const dashboards: Json[] = Object.values(template.findResources('AWS::CloudWatch::Dashboard'));
    expect(dashboards).toHaveLength(1);
    const body = JSON.stringify(dashboards[0]?.Properties.DashboardBody);
    for (const metric of [
      'Count',
      '4XXError',
      '5XXError',
      'Latency',
      'ExecutionsStarted',
      'ExecutionsFailed',
      'AlertsSent',
      'SmsFailures',
      'SmsDeliveryFailures',
      'ApproximateNumberOfMessagesVisible',
      'Throttles',
      'SmsThrottled',
      'TimeToFirstAcceptance',
      'PurgedSpontaneousVolunteers',
      'BlockedRequests',
      'ChallengeRequests',
      'SMSMonthToDateSpentUSD',
    ])
      expect(body, metric).toContain(`\\"${metric}\\"`);
    expect(body).toContain('p95');
    expect(mentions(body, logicalIdOf(dev.messaging.dispatchQueue))).toBe(true);
    // The web ACL's own metric name, as the API stack's firewall sets it.
    const acl: Json = Object.values(devTemplate('api').findResources('AWS::WAFv2::WebACL'))[0];
    expect(body).toContain(acl.Properties.VisibilityConfig.MetricName);
  });

  it("graphs what each of the web ACL's registration rules does, under the rule's own metric name", () => {
    const [dashboard] = Object.values(template.findResources('AWS::CloudWatch::Dashboard')) as Json[];
    const body = JSON.parse(render(dashboard.Properties.DashboardBody));
    /** `[namespace, metric, dimension, value, …, options]` as CloudWatch's dashboard body lists a metric. */
    const waf = (body.widgets as Json[])
      .flatMap((widget) => widget.properties.metrics ?? [])
      .filter((metric: Json[]) => metric[0] === 'AWS/WAFV2')
      .map((metric: Json[]) => {
        const dimensions = metric.slice(2).filter((part) => typeof part === 'string');
        const value = (name: string) => dimensions[dimensions.indexOf(name) + 1];
        return { metric: metric[1], rule: value('Rule'), webAcl: value('WebACL') };
      });
    const acl: Json = Object.values(devTemplate('api').findResources('AWS::WAFv2::WebACL'))[0];
    const ruleNamed = (metricName: string): Json =>
      acl.Properties.Rules.find((r: Json) => r.VisibilityConfig.MetricName === metricName);
    const botControl = acl.Properties.Rules.find(
      (r: Json) => r.Statement.ManagedRuleGroupStatement?.Name === 'AWSManagedRulesBotControlRuleSet',
    );
    expect(waf).toEqual([
      { metric: 'BlockedRequests', rule: 'ALL', webAcl: acl.Properties.VisibilityConfig.MetricName },
      { metric: 'ChallengeRequests', rule: 'RegistrationChallenge', webAcl: expect.any(String) },
      { metric: 'BlockedRequests', rule: 'RegistrationsPerIp', webAcl: expect.any(String) },
      { metric: 'BlockedRequests', rule: botControl.VisibilityConfig.MetricName, webAcl: expect.any(String) },
    ]);
    // Each graphed rule exists and does what is graphed.
    expect(ruleNamed('RegistrationChallenge').Action).toEqual({ Challenge: {} });
    expect(ruleNamed('RegistrationsPerIp').Action).toEqual({ Block: {} });
    for (const { webAcl } of waf) expect(webAcl).toBe(acl.Properties.VisibilityConfig.MetricName);
  });

  it('does not alarm on missing data, so a quiet night stays quiet', () => {
    template.allResourcesProperties('AWS::CloudWatch::Alarm', { TreatMissingData: 'notBreaching' });
  });

  it('encrypts the ops topic with a rotating customer-managed key', () => {
    const topic = template.findResources('AWS::SNS::Topic')[logicalIdOf(observability.opsTopic)];
    const keyIds = Object.keys(
      template.findResources('AWS::KMS::Key', { Properties: { EnableKeyRotation: true } }),
    );
    expect(keyIds).toHaveLength(1);
    expect(topic?.Properties.KmsMasterKeyId).toEqual({ 'Fn::GetAtt': [keyIds[0], 'Arn'] });
  });

  it('runs no Lambda function of its own', () => {
    expectFunctionConventions(template, 0);
  });
});
