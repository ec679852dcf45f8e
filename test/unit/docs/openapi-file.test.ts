import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
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
});
