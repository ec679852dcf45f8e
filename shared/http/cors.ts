import type middy from '@middy/core';
import httpCors from '@middy/http-cors';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import * as z from 'zod/mini';
import { oncePerEnvironment, readVariable } from '../config';
import { VARIABLES } from '../manifest/environment';

/** Request headers the console sends beyond the safelisted ones; API Gateway's preflight allows exactly these. */
export const CONSOLE_REQUEST_HEADERS = ['authorization', 'content-type', 'idempotency-key', 'if-none-match'];
/**
 * The header AWS WAF's JavaScript integration sends its token in on a cross-origin call (its cookie stays on the
 * pages' domain). Only a preflight lists request headers, and API Gateway answers every preflight: the handlers'
 * CORS never needs it.
 */
export const WAF_TOKEN_HEADER = 'x-aws-waf-token';
/** Methods the console calls. */
export const CONSOLE_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];
/** Response headers the console's scripts may read. */
export const CONSOLE_EXPOSED_HEADERS = ['etag', 'x-correlation-id'];

/** An origin exactly: scheme, host and port, no path, no trailing slash. */
export const originSchema = z.url().check(
  z.refine((url) => URL.canParse(url) && new URL(url).origin === url, {
    error: 'an origin (scheme://host[:port]) without a path',
  }),
);

/** The console's origin; unset where the pages and the API share one (the local runtime). */
export const consoleOrigin = oncePerEnvironment((env) =>
  readVariable(VARIABLES.consoleOrigin, z.optional(originSchema), env),
);

type Middleware = middy.MiddlewareObj<APIGatewayProxyEvent, APIGatewayProxyResult>;

const corsByOrigin = new Map<string, Middleware>();
const corsFor = (origin: string): Middleware => {
  let cors = corsByOrigin.get(origin);
  if (!cors) {
    // One fixed origin, never a reflection of the caller's: any other page's script cannot read the answer.
    cors = httpCors({ origin, exposeHeaders: CONSOLE_EXPOSED_HEADERS.join(', ') }) as Middleware;
    corsByOrigin.set(origin, cors);
  }
  return cors;
};

/**
 * Every answer, errors included, admits the console's origin (CONSOLE_ORIGIN) and no other; API Gateway answers the
 * preflight. Without the variable the answers carry no CORS headers at all.
 */
export const consoleCors = (): Middleware => ({
  after: async (request) => {
    const origin = consoleOrigin();
    if (origin) await corsFor(origin).after?.(request);
  },
  onError: async (request) => {
    const origin = consoleOrigin();
    if (origin) await corsFor(origin).onError?.(request);
  },
});
