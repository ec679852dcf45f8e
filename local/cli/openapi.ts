import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { openApiFileText } from '../../shared/http/openapi';
import { readCommandLine } from './command-line';

/** `npm run openapi`: writes the contract the code serves at GET /openapi.json to docs/openapi.json. */
readCommandLine({
  run: 'npm run openapi',
  summary: 'Writes docs/openapi.json from the routes and zod schemas; a unit test fails when it is stale.',
  flags: {},
});
const docs = new URL('../../docs/', import.meta.url);
mkdirSync(docs, { recursive: true });
writeFileSync(new URL('openapi.json', docs), openApiFileText());
console.log(`wrote ${fileURLToPath(new URL('openapi.json', docs))}`);
