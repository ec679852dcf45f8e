import { existsSync, readFileSync } from 'node:fs';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { makeHandler } from '../../../functions/api/openapi/get';
import { WEB_API_TYPES, webApiTypesText } from '../../../local/cli/web-api-types';
import { lambdaContext } from '../../../local/runtime/lambda-context';
import { openApiFileText } from '../../../shared/http/openapi';

const CHECKED_IN = new URL('../../../docs/openapi.json', import.meta.url);

describe('docs/openapi.json', () => {
  it('is exactly the document the routes and zod schemas generate', () => {
    const checkedIn = existsSync(CHECKED_IN) ? readFileSync(CHECKED_IN, 'utf8') : '';

    expect(
      checkedIn === openApiFileText(),
      'docs/openapi.json differs from what the code generates: run `npm run openapi` and commit the file',
    ).toBe(true);
  });

  it("is what the pages' typed API client was generated from", async () => {
    const checkedIn = existsSync(WEB_API_TYPES) ? readFileSync(WEB_API_TYPES, 'utf8') : '';

    expect(
      checkedIn === (await webApiTypesText(openApiFileText())),
      'web/src/api/schema.d.ts differs from what docs/openapi.json generates: run `npm run openapi` and commit it',
    ).toBe(true);
  });

  it('is what GET /openapi.json serves', async () => {
    const event = { httpMethod: 'GET', headers: {}, body: null, requestContext: { requestId: 'openapi' } };

    const answer = (await makeHandler()(
      event as unknown as APIGatewayProxyEvent,
      lambdaContext('OpenApi'),
    )) as APIGatewayProxyResult;

    expect(answer.statusCode, answer.body).toBe(200);
    expect(JSON.parse(answer.body)).toEqual(JSON.parse(readFileSync(CHECKED_IN, 'utf8')));
  });
});
