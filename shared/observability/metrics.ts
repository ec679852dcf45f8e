/** Where the business metrics go in CloudWatch; every function gets it as POWERTOOLS_METRICS_NAMESPACE. */
export const METRICS_NAMESPACE = 'CrisisVolunteerCorps';

/**
 * The business metrics, with their unit. Services record them through this port and stay free of Powertools;
 * production wires it to EMF (powertools.ts), the local runtime and the tests to InMemoryMetrics (local/runtime).
 */
export const METRIC_UNITS = {
  /** Volunteer alerts handed to the SMS provider. */
  AlertsSent: 'Count',
  /** SMS the provider refused to send, and SMS it reported undeliverable. */
  SmsFailures: 'Count',
  /** SMS not delivered within their time to live: dropped, before sending or by the provider, never sent late. */
  SmsExpired: 'Count',
  /** Sends the provider throttled (each backs off and retries). */
  SmsThrottled: 'Count',
  /** From a request's creation to its first recorded acceptance. */
  TimeToFirstAcceptance: 'Seconds',
  /** Spontaneous volunteers whose data a purge deleted. */
  PurgedSpontaneousVolunteers: 'Count',
  /** Requests nobody on the duty roster acknowledged in two rounds: the crisis centre was told. */
  CoordinatorRosterExhausted: 'Count',
  /** Requests launched through the API while the duty roster was empty (phone requests are refused then). */
  LaunchedWithoutDutyRoster: 'Count',
  /** Lifecycle steps that failed after their retries and went to the recovery path. */
  LifecycleStepFailures: 'Count',
  /** Purges that failed after their retries: spontaneous volunteers' data is still stored. */
  PurgeFailures: 'Count',
  /** Corps of an activation whose mobilisation failed after its retries: their members were not all alerted. */
  ActivationCorpsFailed: 'Count',
  /** A dry exercise's SMS, kept in its request's outbox instead of sent (they cost nothing). */
  SmsKeptDry: 'Count',
} as const;

export type MetricName = keyof typeof METRIC_UNITS;

export interface MetricsPort {
  add(name: MetricName, value: number): void;
}
