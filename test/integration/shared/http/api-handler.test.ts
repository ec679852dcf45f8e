import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { lambdaContext } from '../../../../local/runtime/lambda-context';
import { withEnvironment } from '../../../../shared/config';
import { apiHandler } from '../../../../shared/http/api-handler';
import { CORRELATION_HEADER } from '../../../../shared/http/error-response';
import { idempotentRequests } from '../../../../shared/http/idempotency';
import { VARIABLES } from '../../../../shared/manifest/environment';
import { emfMetrics, metrics } from '../../../../shared/observability/powertools';
import { createTestTables } from '../../../support/tables';

/** A POST as API Gateway hands it over, with API Gateway's request id: the correlation id. */
const aPost = (requestId: string, key: string, body: unknown) =>
  ({
    httpMethod: 'POST',
    headers: { 'Content-Type': 'application/json', 'Idempotency-Key': key },
    body: JSON.stringify(body),
    requestContext: { requestId, authorizer: { claims: { sub: 'leuven-official', roles: 'requester' } } },
  }) as unknown as APIGatewayProxyEvent;

const SECURITY_HEADERS = ['Strict-Transport-Security', 'X-Content-Type-Options', 'Content-Security-Policy'];

describe('an idempotent route replaying its first answer', () => {
  const launched: unknown[] = [];
  let handler: ReturnType<typeof apiHandler>;
  beforeAll(async () => {
    // The idempotency store reads its table's name once, so the tables come first.
    await createTestTables();
    handler = apiHandler({ idempotency: idempotentRequests('api-handler-test') }, async ({ body }) => {
      launched.push(body);
      emfMetrics.add('AlertsSent', 1);
      return { statusCode: 202, body: { id: `request-${launched.length}` } };
    });
  });
  const invoke = async (event: APIGatewayProxyEvent) =>
    (await handler(event, lambdaContext('CreateHelpRequest'))) as APIGatewayProxyResult;

  it('gives the replay the security headers of the first answer and its own correlation id', async () => {
    const first = await invoke(aPost('request-a', 'key-1', { title: 'Wateroverlast' }));
    const replay = await invoke(aPost('request-b', 'key-1', { title: 'Wateroverlast' }));

    expect(launched).toHaveLength(1);
    expect(replay).toMatchObject({ statusCode: 202, body: first.body });
    expect(first.headers).toMatchObject({ [CORRELATION_HEADER]: 'request-a' });
    expect(replay.headers).toEqual({ ...first.headers, [CORRELATION_HEADER]: 'request-b' });
    for (const header of SECURITY_HEADERS) expect(replay.headers).toHaveProperty(header);
  });

  it('gives a refusal before the idempotency check the same headers: its correlation id and the security headers', async () => {
    const refused = await invoke({ ...aPost('request-e', 'key-3', {}), body: '{"title": ' });

    expect(refused).toMatchObject({ statusCode: 400, headers: { [CORRELATION_HEADER]: 'request-e' } });
    for (const header of SECURITY_HEADERS) expect(refused.headers).toHaveProperty(header);
    expect(launched).toHaveLength(1);
  });

  it("admits the console's origin on the replay as on the first answer (CORS)", async () => {
    const origin = 'https://d111111abcdef8.cloudfront.net';
    const inConsoleStage = (event: APIGatewayProxyEvent) =>
      withEnvironment({ ...process.env, [VARIABLES.consoleOrigin]: origin }, () => invoke(event));
    const first = await inConsoleStage(aPost('request-f', 'key-4', { title: 'Stormschade' }));
    const replay = await inConsoleStage(aPost('request-g', 'key-4', { title: 'Stormschade' }));

    expect(replay.body).toBe(first.body);
    for (const answer of [first, replay])
      expect(answer.headers).toMatchObject({
        'Access-Control-Allow-Origin': origin,
        'Access-Control-Expose-Headers': 'etag, x-correlation-id',
      });
  });

  it('flushes the metrics on the replay too', async () => {
    const flush = vi.spyOn(metrics, 'publishStoredMetrics');
    try {
      await invoke(aPost('request-c', 'key-2', { title: 'Overstroming' }));
      expect(flush).toHaveBeenCalledTimes(1);
      await invoke(aPost('request-d', 'key-2', { title: 'Overstroming' }));
      expect(flush).toHaveBeenCalledTimes(2);
    } finally {
      flush.mockRestore();
    }
  });
});
