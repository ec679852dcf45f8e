import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { logger } from '../../../../shared/observability/logger';
import { METRICS_NAMESPACE } from '../../../../shared/observability/metrics';
import { emfMetrics, observability } from '../../../../shared/observability/powertools';
import { captureLogs } from '../../../support/scan';

const context = {
  functionName: 'SmsDispatcher',
  awsRequestId: 'lambda-request-1',
  invokedFunctionArn: 'arn:aws:lambda:eu-west-1:123456789012:function:SmsDispatcher',
  memoryLimitInMB: '512',
} as Context;

/** The JSON lines of the output. */
const lines = (output: string) =>
  output
    .trim()
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>);

describe('the observability middleware', () => {
  let logged: string[];
  beforeEach(() => {
    logged = captureLogs();
  });
  afterEach(() => {
    vi.restoreAllMocks();
    logger.setLogLevel('INFO');
  });

  it("puts the event's correlation id and the Lambda context on every log line, for this invocation only", async () => {
    const handler = middy(async () => {
      logger.info('working');
    }).use(observability<{ id?: string }>((event) => event.id));

    await handler({ id: 'request-1' }, context);
    await handler({}, context);

    const [first, second] = lines(logged.join(''));
    expect(first).toMatchObject({
      message: 'working',
      correlation_id: 'request-1',
      function_request_id: 'lambda-request-1',
    });
    expect(second).not.toHaveProperty('correlation_id');
  });

  it("publishes the metrics an invocation recorded as EMF in the project's namespace, also when it fails", async () => {
    const handler = middy(async () => {
      emfMetrics.add('SmsFailures', 1);
      emfMetrics.add('TimeToFirstAcceptance', 42);
      throw new Error('provider down');
    }).use(observability<unknown>(() => undefined));

    await expect(handler({}, context)).rejects.toThrow('provider down');

    const emf = lines(logged.join('\n')).find((line) => '_aws' in line);
    expect(emf).toMatchObject({
      SmsFailures: 1,
      TimeToFirstAcceptance: 42,
      service: 'crisis-volunteer-corps',
    });
    expect(JSON.stringify(emf)).toContain('"Unit":"Seconds"');
    expect(JSON.stringify(emf)).toContain(`"Namespace":"${METRICS_NAMESPACE}"`);
  });

  it('writes nothing when an invocation recorded no metric', async () => {
    const handler = middy(async () => 'done').use(observability<unknown>(() => undefined));

    await handler({}, context);

    expect(logged).toEqual([]);
  });
});
