import middy from '@middy/core';
import httpHeaderNormalizer from '@middy/http-header-normalizer';
import httpSecurityHeaders from '@middy/http-security-headers';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import type * as z from 'zod/mini';
import type { Identity } from '../domain/identity';
import { logger } from '../observability/logger';
import { observability } from '../observability/powertools';
import { consoleCors } from './cors';
import {
  CORRELATION_HEADER,
  clientErrorResponse,
  internalErrorResponse,
  MalformedJson,
} from './error-response';
import { conditionalGet } from './etag';
import { identityFromClaims } from './identity-from-claims';

export interface ApiRequest<Body, Query> {
  identity: Identity;
  body: Body;
  path: Record<string, string>;
  /** The query string, parsed by the route's `query` schema; undefined for routes that declare none. */
  query: Query;
}

export interface ApiResult {
  statusCode: number;
  body?: unknown;
  /** A body that is not JSON (CSV, SVG), sent as it is with this content type. */
  contentType?: string;
  /** Offers a non-JSON body as a download under this name (Content-Disposition). */
  fileName?: string;
}

export interface ApiHandlerOptions<S extends z.ZodMiniType, Q extends z.ZodMiniType> {
  /** Schema of the JSON body; omitted for routes without one. */
  body?: S;
  /** Schema of the query string: the same object as the manifest route's `query`, so the contract says what is read. */
  query?: Q;
  /** Routes anyone may call without a token. */
  public?: boolean;
  /** Role checks that need no body run before the body is parsed, so a caller without the role learns nothing more. */
  authorize?: (identity: Identity, path: Record<string, string>) => void;
  /** POST routes whose retries with the same `Idempotency-Key` replay the first response (idempotentRequests). */
  idempotency?: middy.MiddlewareObj<APIGatewayProxyEvent, APIGatewayProxyResult>;
  /** GET routes polled by consoles: an ETag on every 200, and 304 without a body to a matching If-None-Match (etag.ts). */
  conditional?: true;
}

/** What a handler honours beyond its body, for the test that holds it to its manifest route (the OpenAPI document's source). */
export interface HandlerContract {
  query?: z.ZodMiniType;
  idempotent: boolean;
  conditional: boolean;
}

export type ApiHandler = middy.MiddyfiedHandler<APIGatewayProxyEvent, APIGatewayProxyResult> & {
  contract: HandlerContract;
};

const ANONYMOUS: Identity = { sub: 'anonymous', roles: [] };

const parseJson = (raw: string | null): unknown => {
  if (raw === null || raw === '') return undefined;
  try {
    return JSON.parse(raw);
  } catch {
    throw new MalformedJson('the body is not valid JSON');
  }
};

/** API Gateway's request id: the one its access logs and the Lambda's logs share. */
const correlationIdOf = (event: APIGatewayProxyEvent, context: Context): string =>
  event.requestContext?.requestId ?? context.awsRequestId ?? 'unknown';

/** Client errors become the bodies of API.md; anything else is logged and becomes an opaque 500. */
const errorMapper = (): middy.MiddlewareObj<APIGatewayProxyEvent, APIGatewayProxyResult> => ({
  onError: async (request) => {
    const correlationId = correlationIdOf(request.event, request.context);
    const mapped = clientErrorResponse(request.error, correlationId);
    if (mapped) {
      request.response = mapped;
      return;
    }
    logger.error('unexpected error', { correlationId, error: request.error as Error });
    request.response = internalErrorResponse(correlationId);
  },
});

/** Every answer names its correlation id; a replayed one its own, the id this request's logs and access log carry. */
const correlationHeader = (): middy.MiddlewareObj<APIGatewayProxyEvent, APIGatewayProxyResult> => ({
  after: (request) => {
    const { response } = request;
    if (!response) return;
    request.response = {
      ...response,
      headers: { ...response.headers, [CORRELATION_HEADER]: correlationIdOf(request.event, request.context) },
    };
  },
});

/**
 * Wraps a route's logic in the cross-cutting work every route shares: header normalisation, identity from the
 * authorizer's claims, JSON parsing and schema validation, idempotency, error bodies, security and CORS headers.
 */
export const apiHandler = <
  S extends z.ZodMiniType = z.ZodMiniUndefined,
  Q extends z.ZodMiniType = z.ZodMiniUndefined,
>(
  options: ApiHandlerOptions<S, Q>,
  route: (request: ApiRequest<z.output<S>, z.output<Q>>) => Promise<ApiResult>,
): ApiHandler => {
  const respond = async (event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> => {
    const identity = options.public
      ? ANONYMOUS
      : identityFromClaims(event.requestContext?.authorizer?.claims);
    const path = (event.pathParameters ?? {}) as Record<string, string>;
    options.authorize?.(identity, path);
    const query = (
      options.query ? options.query.parse(event.queryStringParameters ?? {}) : undefined
    ) as z.output<Q>;
    const raw = parseJson(event.body);
    const body = (options.body ? options.body.parse(raw) : undefined) as z.output<S>;
    const result = await route({ identity, body, path, query });
    const headers = { 'cache-control': 'no-store' };
    if (result.contentType) {
      return {
        statusCode: result.statusCode,
        headers: {
          ...headers,
          'content-type': result.contentType,
          ...(result.fileName ? { 'content-disposition': `attachment; filename="${result.fileName}"` } : {}),
        },
        body: String(result.body),
      };
    }
    const json = {
      statusCode: result.statusCode,
      headers: { ...headers, 'content-type': 'application/json' },
      body: result.body === undefined ? '' : JSON.stringify(result.body),
    };
    return options.conditional ? conditionalGet(event.headers?.['if-none-match'], json) : json;
  };
  // Powertools idempotency answers a replay from its `before`, and middy then skips every `after` of its chain. So it
  // gets a chain of its own inside the route: the replayed answer comes back through the outer chain like a fresh one.
  // It hashes the parsed body, so a body that does not parse is refused before it gets there.
  const answer = options.idempotency
    ? middy(respond)
        .use({ before: (request) => void parseJson(request.event.body) })
        .use(options.idempotency)
    : respond;
  // `before` runs top to bottom: headers are lower-cased before idempotency reads its key. `after` and `onError` run
  // bottom to top: the error mapper makes an error its answer (correlation id included) first, an answer or a replay
  // gets its correlation id, every answer its security headers, and the metrics (first in observability) are
  // flushed last, after everything that could record one.
  const handler = middy<APIGatewayProxyEvent, APIGatewayProxyResult>()
    .use(observability<APIGatewayProxyEvent>((event) => event.requestContext?.requestId))
    .use(httpHeaderNormalizer())
    .use(consoleCors())
    .use(httpSecurityHeaders())
    .use(correlationHeader())
    .use(errorMapper())
    .handler(answer);
  const contract: HandlerContract = {
    ...(options.query ? { query: options.query } : {}),
    idempotent: options.idempotency !== undefined,
    conditional: options.conditional === true,
  };
  return Object.assign(handler, { contract });
};
