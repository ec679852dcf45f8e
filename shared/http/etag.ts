import { createHash } from 'node:crypto';
import type { APIGatewayProxyResult } from 'aws-lambda';

/**
 * A strong ETag of exactly the bytes of a body: the tag changes when, and only when, the body does. It is a hash of
 * what the caller was shown (their view of the resource), so two roles never share a tag for different bodies.
 */
export const etagOf = (body: string): string =>
  `"${createHash('sha256').update(body, 'utf8').digest('base64url')}"`;

/** Polled, but never served stale: every use revalidates, and no shared cache keeps a caller's view. */
export const REVALIDATE = 'private, no-cache';

/** If-None-Match's entity tags (RFC 9110 §13.1.2): a list, or `*`; compared weakly, so a `W/` prefix is ignored. */
const matches = (ifNoneMatch: string, etag: string): boolean =>
  ifNoneMatch
    .split(',')
    .map((tag) => tag.trim().replace(/^W\//, ''))
    .some((tag) => tag === '*' || tag === etag);

/**
 * A GET's JSON answer with its ETag; 304 with no body when the caller's If-None-Match already names it, so a console
 * polling a resource pays for the body only when it changed. Other statuses pass through untouched.
 */
export const conditionalGet = (
  ifNoneMatch: string | undefined,
  response: APIGatewayProxyResult,
): APIGatewayProxyResult => {
  if (response.statusCode !== 200) return response;
  const etag = etagOf(response.body);
  const headers: Record<string, boolean | number | string> = {
    ...response.headers,
    etag,
    'cache-control': REVALIDATE,
  };
  if (ifNoneMatch && matches(ifNoneMatch, etag)) {
    const { 'content-type': _type, ...rest } = headers;
    return { statusCode: 304, headers: rest, body: '' };
  }
  return { ...response, headers };
};
