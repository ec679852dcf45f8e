import { Validator } from '@seriousme/openapi-schema-validator';
import { describe, expect, it } from 'vitest';
import { openApiDocument } from '../../../../shared/http/openapi';
import { honoursIdempotencyKey, ROUTES } from '../../../../shared/http/routes';

interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required?: boolean;
}
interface Response {
  $ref?: string;
  headers?: Record<string, unknown>;
  content?: Record<string, { schema?: { $ref?: string } }>;
}
interface Operation {
  operationId?: string;
  tags?: string[];
  parameters?: Parameter[];
  responses: Record<string, Response>;
}

const document = openApiDocument() as unknown as {
  tags: { name: string }[];
  paths: Record<string, Record<string, Operation>>;
  components: { responses: Record<string, Response>; schemas: Record<string, unknown> };
};
const operations = Object.entries(document.paths).flatMap(([path, methods]) =>
  Object.entries(methods).map(([method, operation]) => ({ path, method, operation })),
);
const named = (operation: Operation) => `${operation.operationId}`;

/** A response as written, or the shared one its `$ref` points at. */
const resolve = (response: Response): Response =>
  response.$ref
    ? (document.components.responses[response.$ref.replace('#/components/responses/', '')] ?? {})
    : response;

describe('the OpenAPI document', () => {
  it('is a valid OpenAPI 3.1 document', async () => {
    const result = await new Validator().validate(
      structuredClone(openApiDocument()) as unknown as Record<string, unknown>,
    );

    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it('has one operation per route of the manifest', () => {
    expect(operations.map(({ method, path }) => `${method.toUpperCase()} ${path}`).sort()).toEqual(
      ROUTES.map((route) => `${route.method} ${route.path}`).sort(),
    );
  });

  it('names every operation after its manifest function, each name once', () => {
    const ids = operations.map(({ operation }) => operation.operationId);

    expect(ids.every((id) => typeof id === 'string' && id.length > 0)).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ROUTES.map((route) => route.name).sort());
  });

  it('puts every operation in one of the tags the document lists', () => {
    const tags = new Set(document.tags.map((tag) => tag.name));

    for (const { operation } of operations) {
      expect(operation.tags, named(operation)).toHaveLength(1);
      expect(tags.has(operation.tags![0]!), named(operation)).toBe(true);
    }
  });

  it('gives every operation a success with a schema, or an explicit no-content', () => {
    for (const { operation } of operations) {
      const successes = Object.entries(operation.responses).filter(([status]) => /^2\d\d$/.test(status));

      expect(successes.length, named(operation)).toBeGreaterThan(0);
      for (const [status, response] of successes) {
        if (status === '204') expect(response.content, named(operation)).toBeUndefined();
        else {
          const schemas = Object.values(response.content ?? {}).map((media) => media.schema);
          expect(schemas.length, named(operation)).toBeGreaterThan(0);
          expect(schemas.every(Boolean), named(operation)).toBe(true);
        }
      }
    }
  });

  it('gives every operation a 429 and a 500 with the one Error schema, as every error it declares', () => {
    for (const { operation } of operations) {
      expect(Object.keys(operation.responses), named(operation)).toEqual(
        expect.arrayContaining(['429', '500']),
      );
      const errors = Object.entries(operation.responses).filter(([status]) => /^[45]\d\d$/.test(status));
      for (const [, response] of errors) {
        expect(resolve(response).content?.['application/json']?.schema, named(operation)).toEqual({
          $ref: '#/components/schemas/Error',
        });
      }
    }
    expect(document.components.schemas.Error).toMatchObject({
      required: expect.arrayContaining(['error', 'correlationId']),
    });
  });

  it('declares every path parameter, as required', () => {
    for (const { path, operation } of operations) {
      const inPath = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
      const declared = (operation.parameters ?? []).filter((p) => p.in === 'path');

      expect(declared.map((p) => p.name).sort(), named(operation)).toEqual(inPath.sort());
      expect(
        declared.every((p) => p.required),
        named(operation),
      ).toBe(true);
    }
  });

  it('declares the query parameters of the routes whose handlers read the query string', () => {
    const queryOf = (name: string) =>
      operations
        .find(({ operation }) => operation.operationId === name)!
        .operation.parameters?.filter((p) => p.in === 'query')
        .map((p) => p.name)
        .sort();

    expect(queryOf('listHelpRequests')).toEqual(expect.arrayContaining(['cursor', 'limit', 'status']));
    expect(queryOf('listClaims')).toEqual(['requestId', 'volunteerId']);
    expect(queryOf('annualReport')).toEqual(['format']);
  });

  it('declares the Idempotency-Key header on exactly the operations that honour it', () => {
    const idempotent = ROUTES.filter(honoursIdempotencyKey).map((route) => route.name);

    expect(idempotent).toEqual(
      expect.arrayContaining(['createHelpRequest', 'fileClaim', 'sendCoordinatorUpdate']),
    );
    for (const { operation } of operations) {
      const header = (operation.parameters ?? []).some(
        (p) => p.in === 'header' && p.name === 'Idempotency-Key',
      );
      expect(header, named(operation)).toBe(idempotent.includes(operation.operationId as never));
    }
  });

  it('declares If-None-Match, the ETag of a 200 and the 304 of exactly the conditional operations', () => {
    const conditional = ROUTES.filter((route) => route.conditional).map((route) => route.name);

    expect(conditional).toContain('getHelpRequest');
    for (const { operation } of operations) {
      const expected = conditional.includes(operation.operationId as never);
      const header = (operation.parameters ?? []).some(
        (p) => p.in === 'header' && p.name === 'If-None-Match',
      );
      expect(header, named(operation)).toBe(expected);
      expect('304' in operation.responses, named(operation)).toBe(expected);
      if (!expected) continue;
      expect(operation.responses['304']!.content, named(operation)).toBeUndefined();
      for (const status of ['200', '304']) {
        expect(Object.keys(operation.responses[status]!.headers ?? {}), named(operation)).toEqual([
          'ETag',
          'Cache-Control',
        ]);
      }
    }
  });

  it('offers the annual report as JSON, CSV and SVG', () => {
    const report = operations.find(({ operation }) => operation.operationId === 'annualReport')!.operation;

    expect(Object.keys(report.responses['200']!.content!)).toEqual([
      'application/json',
      'text/csv',
      'image/svg+xml',
    ]);
  });
});
