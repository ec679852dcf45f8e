import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import type middy from '@middy/core';
import { logger, SERVICE_NAME } from './logger';
import { METRIC_UNITS, METRICS_NAMESPACE, type MetricsPort } from './metrics';

const NOTHING_TO_PUBLISH = 'No application metrics to publish';

/**
 * EMF metrics, in the namespace every function also gets from CDK (POWERTOOLS_METRICS_NAMESPACE), so the local
 * runtime publishes without a warning too. Their warnings go to the service's logger, but for the one about an
 * invocation that recorded nothing: most do, and it would be a line in every API call's log.
 */
export const metrics = new Metrics({
  namespace: METRICS_NAMESPACE,
  serviceName: SERVICE_NAME,
  logger: {
    debug: (...content) => logger.debug(...(content as [string])),
    info: (...content) => logger.info(...(content as [string])),
    warn: (message: string, ...rest) => {
      if (!message.startsWith(NOTHING_TO_PUBLISH)) logger.warn(message, ...rest);
    },
    error: (...content) => logger.error(...(content as [string])),
  },
});

export const emfMetrics: MetricsPort = {
  add: (name, value) => metrics.addMetric(name, MetricUnit[METRIC_UNITS[name]], value),
};

/**
 * The observability every handler shares: the metrics flushed at the end, and Lambda context and a correlation id on
 * each log line. Powertools' own metrics middleware comes first, so its `after`/`onError` run last and publish what
 * every other step recorded; it also flushes when a Powertools middleware answers early (an idempotent replay).
 * X-Ray is Lambda's active tracing alone: the Powertools Tracer (aws-xray-sdk-core) would add per-call subsegments
 * for ~120 KB and ~50 ms of init in every function; the SDK passes the trace id on by itself.
 */
export const observability = <Event>(
  correlationIdOf: (event: Event) => string | undefined,
): middy.MiddlewareObj<Event>[] => [
  logMetrics(metrics) as middy.MiddlewareObj<Event>,
  injectLambdaContext(logger, { resetKeys: true }),
  {
    before: async (request) => {
      const id = correlationIdOf(request.event);
      if (id) logger.setCorrelationId(id);
    },
  },
];
