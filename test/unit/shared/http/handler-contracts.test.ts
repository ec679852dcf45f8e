import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { ApiHandler } from '../../../../shared/http/api-handler';
import { honoursIdempotencyKey, ROUTES } from '../../../../shared/http/routes';
import { VARIABLES } from '../../../../shared/manifest/environment';

const PROJECT_ROOT = new URL('../../../../', import.meta.url);

// The handlers are built as Lambda builds them, at import; the idempotent ones name their table then.
beforeAll(() => {
  vi.stubEnv('AWS_REGION', 'eu-west-1');
  vi.stubEnv(VARIABLES.tables.idempotency, 'idempotency-of-the-contract-test');
});

describe('every API handler honours what its manifest route tells the OpenAPI document', () => {
  it.each(ROUTES.map((route) => [route.name, route] as const))('%s', async (_name, route) => {
    const module = (await import(new URL(route.entry, PROJECT_ROOT).href)) as { handler: ApiHandler };
    const { contract } = module.handler;

    // The very schema object: the document's query parameters are the ones the handler validates.
    expect(contract.query).toBe(route.query);
    expect(contract.idempotent).toBe(honoursIdempotencyKey(route));
    expect(contract.conditional).toBe(route.conditional === true);
  });
});
