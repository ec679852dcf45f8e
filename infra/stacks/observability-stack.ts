import { Duration, Stack, type StackProps } from 'aws-cdk-lib';
import type { RestApi } from 'aws-cdk-lib/aws-apigateway';
import {
  Alarm,
  type AlarmProps,
  ComparisonOperator,
  Dashboard,
  GraphWidget,
  type IMetric,
  Metric,
  TreatMissingData,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import type { StateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import type { Construct } from 'constructs';
import { SERVICE_NAME } from '../../shared/observability/logger';
import { METRICS_NAMESPACE, type MetricName } from '../../shared/observability/metrics';
import {
  REGISTRATION_BOT_CONTROL,
  REGISTRATION_CHALLENGE,
  REGISTRATIONS_PER_IP,
  webAclMetricName,
} from '../constructs/api-firewall';

export interface ObservabilityStackProps extends StackProps {
  api: RestApi;
  stateMachine: StateMachine;
  activationStateMachine: StateMachine;
  dispatchQueue: Queue;
  dispatchDeadLetters: Queue;
  /** Inbound SMS the handler failed 3 times, and those SNS could not deliver: each one an answer not yet counted. */
  inboundFailures: Queue;
  inboundUndelivered: Queue;
  /** Failed deliveries as SNS's own delivery logs count them, next to what the code counts. */
  failedSmsDeliveries: Metric;
  alarmEmails: string[];
  /** The account's monthly SMS spend limit (USD): alarms at 50 % and 80 % leave time to act before SMS stop. */
  smsMonthlySpendLimitUsd: number;
}

const FIVE_MINUTES = Duration.minutes(5);

/** Shares of the monthly SMS spend limit that wake ops: half-way, and the last fifth. */
const SMS_SPEND_ALARMS = [
  { id: 'SmsSpendHalf', share: 0.5 },
  { id: 'SmsSpendHigh', share: 0.8 },
];

/** A business metric as Powertools publishes it: our namespace, the service dimension. */
export const businessMetric = (name: MetricName, statistic = 'Sum'): Metric =>
  new Metric({
    namespace: METRICS_NAMESPACE,
    metricName: name,
    dimensionsMap: { service: SERVICE_NAME },
    statistic,
    period: FIVE_MINUTES,
  });

/**
 * The ops view of the system: one dashboard, and alarms that need a human, routed to the ops topic. Each alarm's
 * description names it the way the runbook does.
 */
export class ObservabilityStack extends Stack {
  readonly opsTopic: Topic;
  readonly alarms: Alarm[];
  readonly dashboard: Dashboard;

  constructor(scope: Construct, id: string, props: ObservabilityStackProps) {
    super(scope, id, props);
    this.opsTopic = new Topic(this, 'OpsAlarms', {
      masterKey: new Key(this, 'OpsKey', { enableKeyRotation: true }),
      enforceSSL: true,
    });
    for (const email of props.alarmEmails) this.opsTopic.addSubscription(new EmailSubscription(email));

    // Every function of the account and region: a throttled function drops or delays work whatever its trigger.
    const lambdaThrottles = new Metric({
      namespace: 'AWS/Lambda',
      metricName: 'Throttles',
      statistic: 'Sum',
      period: FIVE_MINUTES,
    });
    const perMinute = { period: Duration.minutes(1) };
    // SNS publishes the account's month-to-date SMS spend (no dimensions) in its own namespace.
    const smsSpent = new Metric({
      namespace: 'AWS/SNS',
      metricName: 'SMSMonthToDateSpentUSD',
      statistic: 'Maximum',
      period: Duration.hours(1),
    });

    const alarm = (id: string, metric: IMetric, threshold: number, description: string) =>
      new Alarm(this, id, {
        alarmDescription: `${id}: ${description}`,
        metric,
        threshold,
        evaluationPeriods: 1,
        // Zero-tolerance alarms fire on the first occurrence; counted ones at their threshold.
        comparisonOperator:
          threshold === 0
            ? ComparisonOperator.GREATER_THAN_THRESHOLD
            : ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        // A quiet night stays quiet.
        treatMissingData: TreatMissingData.NOT_BREACHING,
      } satisfies AlarmProps);

    this.alarms = [
      alarm(
        'SmsDeadLetters',
        props.dispatchDeadLetters.metricApproximateNumberOfMessagesVisible(perMinute),
        0,
        'SMS jobs failed 5 times and wait in the DLQ: volunteers or coordinators were not alerted',
      ),
      alarm(
        'InboundSmsFailures',
        props.inboundFailures.metricApproximateNumberOfMessagesVisible(perMinute),
        0,
        'An inbound SMS (a reply, a STOP) failed 3 times and waits on the inbound failures queue: replay it (runbook)',
      ),
      alarm(
        'InboundSmsUndelivered',
        props.inboundUndelivered.metricApproximateNumberOfMessagesVisible(perMinute),
        0,
        'SNS could not deliver an inbound SMS to its handler; it waits on the dead-letter queue: replay it (runbook)',
      ),
      alarm(
        'LifecycleFailures',
        props.stateMachine.metricFailed(perMinute),
        0,
        'A help-request lifecycle execution failed, timed out or was aborted',
      ),
      alarm('Api5xx', props.api.metricServerError(perMinute), 0, 'The API answered with server errors'),
      alarm(
        'SmsFailures',
        businessMetric('SmsFailures'),
        10,
        'At least 10 SMS failed to send or to deliver in 5 minutes: an origination number may be blocked, a carrier or the provider down',
      ),
      alarm(
        'LambdaThrottles',
        lambdaThrottles,
        0,
        'Lambda throttled invocations: the account concurrency is exhausted, work is delayed or retried',
      ),
      alarm(
        'SmsThrottled',
        businessMetric('SmsThrottled'),
        20,
        'The SMS provider throttled at least 20 sends in 5 minutes: alerts go out slower than planned',
      ),
      alarm(
        'CoordinatorRosterExhausted',
        businessMetric('CoordinatorRosterExhausted'),
        0,
        'Nobody on the duty roster acknowledged a help request in two rounds; the crisis centre was sent an SMS',
      ),
      alarm(
        'LaunchedWithoutDutyRoster',
        businessMetric('LaunchedWithoutDutyRoster'),
        0,
        'A help request came in through the API while the duty roster was empty: put a coordinator on duty',
      ),
      alarm(
        'LifecycleStepFailures',
        businessMetric('LifecycleStepFailures'),
        0,
        'A lifecycle step failed after its retries; the recovery path told the coordinator (see the request timeline)',
      ),
      alarm(
        'ActivationCorpsFailed',
        businessMetric('ActivationCorpsFailed'),
        0,
        'An activation could not mobilise a corps after its retries: its members were not all alerted (see the request timeline)',
      ),
      alarm(
        'ActivationFailures',
        props.activationStateMachine.metricFailed(perMinute),
        0,
        'An activation execution failed, timed out or was aborted: its corps may not all be mobilised',
      ),
      alarm(
        'PurgeFailures',
        businessMetric('PurgeFailures'),
        0,
        "A purge failed after its retries: spontaneous volunteers' data is still stored and the purge is retried later",
      ),
      ...SMS_SPEND_ALARMS.map(({ id, share }) =>
        alarm(
          id,
          smsSpent,
          props.smsMonthlySpendLimitUsd * share,
          `This month's SMS spend reached ${share * 100} % of the ${props.smsMonthlySpendLimitUsd} USD limit; at 100 % every SMS stops until the month ends, coordinator alerts included (runbook)`,
        ),
      ),
    ];
    for (const each of this.alarms) each.addAlarmAction(new SnsAction(this.opsTopic));

    const waf = (metricName: string, rule: string) =>
      new Metric({
        namespace: 'AWS/WAFV2',
        metricName,
        dimensionsMap: { WebACL: webAclMetricName(this), Region: this.region, Rule: rule },
        statistic: 'Sum',
        period: FIVE_MINUTES,
      });
    const graph = (title: string, left: IMetric[], right: IMetric[] = []) =>
      new GraphWidget({ title, left, right, width: 8 });
    this.dashboard = new Dashboard(this, 'Operations', {
      defaultInterval: Duration.hours(3),
      widgets: [
        [
          graph('API requests and errors', [
            props.api.metricCount(),
            props.api.metricClientError(),
            props.api.metricServerError(),
          ]),
          graph('API latency', [
            props.api.metricLatency({ statistic: 'p50' }),
            props.api.metricLatency({ statistic: 'p99' }),
          ]),
          graph('Lifecycle executions', [
            props.stateMachine.metricStarted(),
            props.stateMachine.metricSucceeded(),
            props.stateMachine.metricFailed(),
          ]),
        ],
        [
          graph(
            'Alerts sent vs. SMS failures',
            [businessMetric('AlertsSent'), businessMetric('SmsFailures')],
            [props.failedSmsDeliveries],
          ),
          graph(
            'SMS dispatch queue and DLQ',
            [
              props.dispatchQueue.metricApproximateNumberOfMessagesVisible(),
              props.dispatchDeadLetters.metricApproximateNumberOfMessagesVisible(),
            ],
            [props.dispatchQueue.metricApproximateAgeOfOldestMessage()],
          ),
          graph('Throttles', [lambdaThrottles, businessMetric('SmsThrottled')]),
        ],
        [
          graph('Escalations and lifecycle failures', [
            businessMetric('CoordinatorRosterExhausted'),
            businessMetric('LaunchedWithoutDutyRoster'),
            businessMetric('LifecycleStepFailures'),
            props.stateMachine.metricFailed(),
            businessMetric('ActivationCorpsFailed'),
            props.activationStateMachine.metricFailed(),
          ]),
        ],
        [
          graph('Time to first acceptance (seconds)', [
            businessMetric('TimeToFirstAcceptance', 'p50'),
            businessMetric('TimeToFirstAcceptance', 'p95'),
          ]),
          graph(
            'Spontaneous volunteers purged',
            [businessMetric('PurgedSpontaneousVolunteers')],
            [businessMetric('PurgeFailures')],
          ),
          graph('WAF: blocked requests; registrations challenged, blocked per IP and by Bot Control', [
            waf('BlockedRequests', 'ALL'),
            waf('ChallengeRequests', REGISTRATION_CHALLENGE),
            waf('BlockedRequests', REGISTRATIONS_PER_IP),
            waf('BlockedRequests', REGISTRATION_BOT_CONTROL),
          ]),
        ],
        [
          new GraphWidget({
            title: "This month's SMS spend (USD) against its limit",
            left: [smsSpent],
            leftAnnotations: [{ value: props.smsMonthlySpendLimitUsd, label: 'monthly spend limit' }],
            width: 8,
          }),
        ],
      ],
    });
  }
}
