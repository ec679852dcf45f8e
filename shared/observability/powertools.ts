import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { Tracer } from '@aws-lambda-powertools/tracer';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import type middy from '@middy/core';
import { logger, SERVICE_NAME } from './logger';
import { METRIC_UNITS, type MetricsPort } from './metrics';

/** X-Ray, on in Lambda only (Powertools turns it off anywhere else, the local runtime and the tests included). */
export const tracer = new Tracer({ serviceName: SERVICE_NAME });

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
 * The observability every handler shares: Lambda context and a correlation id on each log line, an X-Ray segment
 * (responses and errors stay out of it: they may hold personal data) and the metrics flushed at the end.
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
  captureLambdaHandler(tracer, { captureResponse: false }),
  flushMetrics() as middy.MiddlewareObj<Event>,
];
