import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import type middy from '@middy/core';
import { logger, SERVICE_NAME } from './logger';
import { METRIC_UNITS, type MetricsPort } from './metrics';

/** EMF metrics; the namespace comes from POWERTOOLS_METRICS_NAMESPACE, which every function gets from CDK. */
export const metrics = new Metrics({ serviceName: SERVICE_NAME });

export const emfMetrics: MetricsPort = {
  add: (name, value) => metrics.addMetric(name, MetricUnit[METRIC_UNITS[name]], value),
};

/** Publishes what the invocation recorded, success or failure; quiet when it recorded nothing. */
const flushMetrics = (): middy.MiddlewareObj => {
  const flush = async () => {
    if (metrics.hasStoredMetrics()) metrics.publishStoredMetrics();
  };
  return { after: flush, onError: flush };
};

/**
 * The observability every handler shares: Lambda context and a correlation id on each log line, and the metrics
 * flushed at the end. X-Ray is Lambda's active tracing alone: the Powertools Tracer (aws-xray-sdk-core) would add
 * per-call subsegments for ~120 KB and ~50 ms of init in every function; the SDK passes the trace id on by itself.
 */
export const observability = <Event>(
  correlationIdOf: (event: Event) => string | undefined,
): middy.MiddlewareObj<Event>[] => [
  injectLambdaContext(logger, { resetKeys: true }),
  {
    before: async (request) => {
      const id = correlationIdOf(request.event);
      if (id) logger.setCorrelationId(id);
    },
  },
  flushMetrics() as middy.MiddlewareObj<Event>,
];
