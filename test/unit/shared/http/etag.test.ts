import { describe, expect, it } from 'vitest';
import { conditionalGet, etagOf } from '../../../../shared/http/etag';

const answer = (body: unknown, statusCode = 200) => ({
  statusCode,
  headers: { 'content-type': 'application/json', 'cache-control': 'no-store' },
  body: JSON.stringify(body),
});

describe('etagOf', () => {
  it('gives the same strong tag to the same body and another tag to any other body', () => {
    const tag = etagOf('{"status":"requested"}');

    expect(tag).toMatch(/^"[\w-]+"$/);
    expect(etagOf('{"status":"requested"}')).toBe(tag);
    expect(etagOf('{"status":"mobilising"}')).not.toBe(tag);
    expect(etagOf('{"status":"requested" }')).not.toBe(tag);
  });
});

describe('conditionalGet', () => {
  const body = { id: 'r-1', status: 'requested' };
  const tag = etagOf(JSON.stringify(body));

  it('adds the tag of the body and asks for revalidation on every use, keeping the body', () => {
    const response = conditionalGet(undefined, answer(body));

    expect(response).toEqual({
      statusCode: 200,
      headers: { 'content-type': 'application/json', 'cache-control': 'private, no-cache', etag: tag },
      body: JSON.stringify(body),
    });
  });

  it.each([
    ['the tag itself', tag],
    ['the tag among others', `"other", ${tag}`],
    ['the tag marked weak', `W/${tag}`],
    ['any tag', '*'],
  ])('answers 304 without a body to If-None-Match with %s', (_what, ifNoneMatch) => {
    const response = conditionalGet(ifNoneMatch, answer(body));

    expect(response).toEqual({
      statusCode: 304,
      headers: { 'cache-control': 'private, no-cache', etag: tag },
      body: '',
    });
  });

  it('answers 200 with the new tag when the tag sent is an older one', () => {
    const response = conditionalGet(etagOf(JSON.stringify({ ...body, status: 'closed' })), answer(body));

    expect(response.statusCode).toBe(200);
    expect(response.headers?.etag).toBe(tag);
  });

  it('leaves answers other than 200 as they are', () => {
    const created = answer(body, 201);

    expect(conditionalGet(tag, created)).toBe(created);
  });
});
