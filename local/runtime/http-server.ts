import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { acceptedScopes, USER_SCOPE } from '../../shared/http/oauth-scopes';
import type { Route } from '../../shared/http/routes';
import type { ErrorBody } from '../../shared/schemas/error';
import { type AnyHandler, lambdaContext } from './lambda-context';
import type { LocalTokens } from './tokens';
import type { PageHandler } from './web-pages';

export interface LocalRoute {
  method: string;
  path: string;
  handle: (body: unknown, query: URLSearchParams) => Promise<{ statusCode: number; body: unknown }>;
}

const MAX_BODY = 1024 * 1024;

/** A PUT of raw bytes to a presigned URL (attachments), answered outside the API like S3 would. */
export interface LocalUploadRoute {
  prefix: string;
  maxBytes: number;
  handle: (
    pathname: string,
    query: URLSearchParams,
    contentType: string | undefined,
    body: Buffer,
  ) => Promise<{ statusCode: number; body: unknown }>;
}

const readBody = (req: IncomingMessage, maxBytes = MAX_BODY): Promise<Buffer> =>
  new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) reject(new Error('body too large'));
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });

/** `%ZZ` or a cut-off UTF-8 sequence: API Gateway refuses such a path before any Lambda runs. */
const decodesAsUri = (pathname: string): boolean => {
  try {
    decodeURIComponent(pathname);
    return true;
  } catch {
    return false;
  }
};

const matchPath = (template: string, actual: string): Record<string, string> | undefined => {
  const names: string[] = [];
  const pattern = template.replace(/[.]/g, '\\.').replace(/\{(\w+)\}/g, (_m, name: string) => {
    names.push(name);
    return '([^/]+)';
  });
  const match = new RegExp(`^${pattern}$`).exec(actual);
  if (!match) return undefined;
  return Object.fromEntries(names.map((name, i) => [name, decodeURIComponent(match[i + 1]!)]));
};

const send = (
  res: ServerResponse,
  statusCode: number,
  body: string,
  headers: Record<string, string> = {},
) => {
  res.writeHead(statusCode, { 'content-type': 'application/json', ...headers });
  res.end(body);
};

/** API Gateway's own refusals (gateway responses) carry the request id as the correlation id, as the handlers' do. */
const refuse = (
  res: ServerResponse,
  statusCode: number,
  body: Omit<ErrorBody, 'correlationId'>,
  requestId: string,
) =>
  send(res, statusCode, JSON.stringify({ ...body, correlationId: requestId }), {
    'x-correlation-id': requestId,
  });

/** As the method's authorization scopes do in API Gateway; local user tokens carry no scope and stand for a user's. */
const hasAcceptedScope = (claims: Record<string, string>, route: Route): boolean => {
  const scopes = claims.scope?.split(' ') ?? [USER_SCOPE];
  return acceptedScopes(route.machineScope).some((scope) => scopes.includes(scope));
};

/**
 * API Gateway on one machine: turns HTTP requests into REST API proxy events for the same handlers Lambda runs,
 * with the claims of a verified local token where the Cognito authorizer would put them.
 */
export const createApiServer = (options: {
  routes: { route: Route; handler: AnyHandler }[];
  localRoutes: LocalRoute[];
  upload?: LocalUploadRoute;
  tokens: LocalTokens;
  /** The built web pages, for a GET that no route takes (CloudFront in AWS). */
  pages?: PageHandler;
}): Server =>
  createServer(async (req, res) => {
    const requestId = randomUUID();
    try {
      const url = new URL(req.url ?? '/', 'http://localhost');
      const method = req.method ?? 'GET';
      const upload = options.upload;
      if (upload && method === 'PUT' && url.pathname.startsWith(upload.prefix)) {
        const result = await upload.handle(
          url.pathname,
          url.searchParams,
          req.headers['content-type'],
          await readBody(req, upload.maxBytes),
        );
        return send(res, result.statusCode, JSON.stringify(result.body));
      }
      const raw = (await readBody(req)).toString('utf8');
      if (!decodesAsUri(url.pathname)) {
        return refuse(
          res,
          400,
          {
            error: 'ValidationError',
            issues: [{ path: '', message: 'the path has a malformed percent escape' }],
          },
          requestId,
        );
      }

      for (const local of options.localRoutes) {
        if (local.method !== method || local.path !== url.pathname) continue;
        let body: unknown;
        try {
          body = raw ? JSON.parse(raw) : undefined;
        } catch {
          return send(
            res,
            400,
            JSON.stringify({
              error: 'ValidationError',
              issues: [{ path: '', message: 'the body is not valid JSON' }],
            }),
          );
        }
        const result = await local.handle(body, url.searchParams);
        return send(res, result.statusCode, JSON.stringify(result.body));
      }

      for (const { route, handler } of options.routes) {
        const pathParameters = route.method === method ? matchPath(route.path, url.pathname) : undefined;
        if (!pathParameters) continue;
        const claims = route.public ? undefined : await options.tokens.verify(req.headers.authorization);
        if (!route.public && !(claims && hasAcceptedScope(claims, route)))
          return refuse(res, 401, { error: 'Unauthorized' }, requestId);
        const headers = Object.fromEntries(
          Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(',') : (v ?? '')]),
        );
        const event = {
          resource: route.path,
          path: url.pathname,
          httpMethod: method,
          headers,
          multiValueHeaders: {},
          queryStringParameters: url.searchParams.size ? Object.fromEntries(url.searchParams) : null,
          multiValueQueryStringParameters: null,
          pathParameters: Object.keys(pathParameters).length ? pathParameters : null,
          stageVariables: null,
          body: raw || null,
          isBase64Encoded: false,
          requestContext: {
            requestId,
            resourcePath: route.path,
            httpMethod: method,
            path: url.pathname,
            stage: 'local',
            ...(claims ? { authorizer: { claims } } : {}),
          },
        } as unknown as APIGatewayProxyEvent;
        const result = (await handler(event, lambdaContext(route.entry))) as APIGatewayProxyResult;
        return send(res, result.statusCode, result.body, (result.headers ?? {}) as Record<string, string>);
      }
      if (options.pages && (method === 'GET' || method === 'HEAD')) return options.pages(req, res);
      refuse(res, 404, { error: 'NotFound' }, requestId);
    } catch (error) {
      console.error('local runtime error', error);
      refuse(res, 500, { error: 'InternalError' }, requestId);
    }
  });
