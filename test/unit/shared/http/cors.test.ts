import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { lambdaContext } from '../../../../local/runtime/lambda-context';
import { withEnvironment } from '../../../../shared/config';
import { NotFound } from '../../../../shared/domain/errors';
import { apiHandler } from '../../../../shared/http/api-handler';
import { originSchema } from '../../../../shared/http/cors';
import { VARIABLES } from '../../../../shared/manifest/environment';

const CONSOLE = 'https://d111111abcdef8.cloudfront.net';

/** A GET from a browser page on `origin`, as API Gateway hands it over. */
const aGet = (origin: string) =>
  ({
    httpMethod: 'GET',
    headers: { Origin: origin },
    body: null,
    requestContext: { requestId: 'request-1' },
  }) as unknown as APIGatewayProxyEvent;

const found = apiHandler({ public: true }, async () => ({ statusCode: 200, body: { ok: true } }));
const missing = apiHandler({ public: true }, async () => {
  throw new NotFound('help request');
});

/** Runs the handler as Lambda would, in an environment with (or without) the console's origin. */
const invoke = (handler: typeof found, event: APIGatewayProxyEvent, origin?: string) =>
  withEnvironment(
    { ...process.env, ...(origin ? { [VARIABLES.consoleOrigin]: origin } : {}) },
    async () => (await handler(event, lambdaContext('CorsTest'))) as APIGatewayProxyResult,
  );

describe("the API's answers to the console (CORS)", () => {
  it("admit the console's origin exactly and expose the ETag and correlation id", async () => {
    const answer = await invoke(found, aGet(CONSOLE), CONSOLE);

    expect(answer.statusCode).toBe(200);
    expect(answer.headers).toMatchObject({
      'Access-Control-Allow-Origin': CONSOLE,
      'Access-Control-Expose-Headers': 'etag, x-correlation-id',
    });
    expect(answer.headers).not.toHaveProperty('Access-Control-Allow-Credentials');
  });

  it('name the console, never the caller, when a page of another origin asks', async () => {
    const answer = await invoke(found, aGet('https://evil.example'), CONSOLE);

    expect(answer.headers?.['Access-Control-Allow-Origin']).toBe(CONSOLE);
    expect(JSON.stringify(answer.headers)).not.toContain('evil.example');
    expect(JSON.stringify(answer.headers)).not.toContain('"*"');
  });

  it('admit the console on a refusal too, so its scripts can read the error body', async () => {
    const answer = await invoke(missing, aGet(CONSOLE), CONSOLE);

    expect(answer.statusCode).toBe(404);
    expect(answer.headers).toMatchObject({ 'Access-Control-Allow-Origin': CONSOLE });
  });

  it('carry no CORS header where no console origin is set (pages and API on one origin)', async () => {
    const answer = await invoke(found, aGet(CONSOLE));

    expect(answer.statusCode).toBe(200);
    expect(Object.keys(answer.headers ?? {}).filter((name) => /^access-control-/i.test(name))).toEqual([]);
  });

  it.each([
    ['https://d111111abcdef8.cloudfront.net', true],
    ['http://127.0.0.1:3000', true],
    ['https://d111111abcdef8.cloudfront.net/', false],
    ['https://d111111abcdef8.cloudfront.net/index.html', false],
    ['*', false],
  ])('takes %s as the console origin: %s', (value, valid) => {
    expect(originSchema.safeParse(value).success).toBe(valid);
  });
});
