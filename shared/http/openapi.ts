import { OpenAPIRegistry, OpenApiGeneratorV31, type ResponseConfig } from '@asteasolutions/zod-to-openapi';
import * as z from 'zod/mini';
import { once } from '../config';
import { API_TAGS, type ApiTrigger } from '../manifest/triggers';
import { errorBodySchema } from '../schemas/error';
import { toClassic } from './classic-schemas';
import { CORRELATION_HEADER } from './error-response';
import { honoursIdempotencyKey, ROUTES, type Route } from './routes';

/** Each error status, by the name of its shared response in the document and why it is answered (docs/api.md, "Errors"). */
const ERROR_RESPONSES = {
  400: [
    'BadRequest',
    'the body, the query or a path parameter is malformed: `issues` names each field and why',
  ],
  401: ['Unauthorized', 'no token, or a token that is invalid or expired'],
  403: ['Forbidden', 'the role or the municipality does not allow this'],
  404: ['NotFound', 'unknown (also for what belongs to another municipality, so ids cannot be probed)'],
  409: [
    'Conflict',
    'the resource is in a state that does not allow this (or a retry with the same Idempotency-Key is in progress)',
  ],
  422: ['RuleViolation', 'a business rule says no: `rule` names it'],
  429: ['Throttled', 'throttled: try again later'],
  500: ['InternalError', 'an unexpected error: quote `correlationId` to support'],
} as const;
type ErrorStatus = keyof typeof ERROR_RESPONSES;

const pathParametersOf = (path: string): string[] =>
  [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1] as string);

/** The error statuses a route can answer, from what it takes and who may call it. */
export const errorStatusesOf = (route: ApiTrigger): ErrorStatus[] => {
  const params = pathParametersOf(route.path);
  const writes = route.method !== 'GET';
  return [
    ...(route.body || route.query || params.length ? [400 as const] : []),
    ...(route.public ? [] : [401 as const, 403 as const]),
    ...(params.length ? [404 as const] : []),
    ...(writes ? [409 as const, 422 as const] : []),
    429 as const,
    500 as const,
  ];
};

const idempotencyKeyHeader = z.object({
  'Idempotency-Key': z.optional(z.string().check(z.minLength(1))).check(
    z.meta({
      description:
        'a key of your choice (a UUID): a retry with the same key and body gets the first answer and changes nothing; the same key with another body is a 422 idempotency-key-reused; kept 24 hours, per caller',
    }),
  ),
});

const ifNoneMatchHeader = z.object({
  'If-None-Match': z.optional(z.string()).check(
    z.meta({
      description: 'the ETag of the answer you hold: unchanged, the answer is a 304 without a body',
    }),
  ),
});

/** The headers of a conditional GET's 200 and 304 (shared/http/etag.ts). */
const conditionalHeaders = {
  ETag: {
    required: true,
    description: 'a strong tag of exactly this body: send it back in If-None-Match',
    schema: { type: 'string' as const },
  },
  'Cache-Control': {
    required: true,
    description: '`private, no-cache`: revalidate on every use',
    schema: { type: 'string' as const },
  },
};

const successOf = (route: Route): Record<string, ResponseConfig> => {
  const { response } = route;
  if (response.status === 204) return { 204: { description: 'done; no content' } };
  const content = {
    'application/json': { schema: toClassic(response.schema) },
    ...Object.fromEntries(
      (response.files ?? []).map((type) => [type, { schema: { type: 'string' as const } }]),
    ),
  };
  const success = {
    description: 'success',
    content,
    ...(route.conditional ? { headers: conditionalHeaders } : {}),
  };
  return {
    [response.status]: success,
    ...(response.alsoStatus ? { [response.alsoStatus]: { ...success, description: 'the same, again' } } : {}),
    ...(route.conditional
      ? {
          304: {
            description: 'unchanged since the ETag in If-None-Match; no body',
            headers: conditionalHeaders,
          },
        }
      : {}),
  };
};

/** The OpenAPI 3.1 document, generated from the manifest's routes and the zod schemas the handlers validate with. */
export const openApiDocument = once(() => {
  const registry = new OpenAPIRegistry();
  const bearer = registry.registerComponent('securitySchemes', 'bearer', {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
  });
  // One response per error status, all with the one Error schema (its `.meta` id), which the generator gets below.
  const errorResponses: Record<string, { $ref: string }> = Object.fromEntries(
    Object.entries(ERROR_RESPONSES).map(([status, [name, description]]) => {
      registry.registerComponent('responses', name, {
        description,
        headers: { [CORRELATION_HEADER]: { required: true, schema: { type: 'string' } } },
        content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
      });
      return [status, { $ref: `#/components/responses/${name}` }];
    }),
  );
  for (const route of ROUTES) {
    const params = pathParametersOf(route.path);
    registry.registerPath({
      method: route.method.toLowerCase() as 'get',
      path: route.path,
      operationId: route.name,
      tags: [route.tag],
      summary: route.summary,
      ...(route.public ? {} : { security: [{ [bearer.name]: [] }] }),
      request: {
        ...(params.length
          ? { params: toClassic(z.object(Object.fromEntries(params.map((p) => [p, z.string()])))) }
          : {}),
        ...(route.query ? { query: toClassic(route.query) } : {}),
        ...(honoursIdempotencyKey(route) ? { headers: toClassic(idempotencyKeyHeader) } : {}),
        ...(route.conditional ? { headers: toClassic(ifNoneMatchHeader) } : {}),
        ...(route.body
          ? { body: { required: true, content: { 'application/json': { schema: toClassic(route.body) } } } }
          : {}),
      },
      responses: {
        ...successOf(route),
        ...Object.fromEntries(errorStatusesOf(route).map((status) => [status, errorResponses[status]!])),
      },
    });
  }
  return new OpenApiGeneratorV31([
    ...registry.definitions,
    { type: 'schema', schema: toClassic(errorBodySchema) },
  ]).generateDocument({
    openapi: '3.1.0',
    info: { title: 'Crisis volunteer corps API', version: '1.0.0' },
    tags: Object.entries(API_TAGS).map(([name, description]) => ({ name, description })),
  });
});

/** The document as `npm run openapi` writes it to docs/openapi.json, the contract checked in beside the code. */
export const openApiFileText = () => `${JSON.stringify(openApiDocument(), null, 2)}\n`;
