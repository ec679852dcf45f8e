import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { openApiFileText } from '../../shared/http/openapi';
import { readCommandLine } from './command-line';
import { WEB_API_TYPES, webApiTypesText } from './web-api-types';

/**
 * `npm run openapi`: writes the contract the code serves at GET /openapi.json to docs/openapi.json, and the pages'
 * API types generated from it.
 */
readCommandLine({
  run: 'npm run openapi',
  summary:
    "Writes docs/openapi.json from the routes and zod schemas, and the web pages' API types from it; a unit test fails when either is stale.",
  flags: {},
});
const docs = new URL('../../docs/', import.meta.url);
mkdirSync(docs, { recursive: true });
const document = openApiFileText();
writeFileSync(new URL('openapi.json', docs), document);
console.log(`wrote ${fileURLToPath(new URL('openapi.json', docs))}`);
mkdirSync(new URL('.', WEB_API_TYPES), { recursive: true });
writeFileSync(WEB_API_TYPES, await webApiTypesText(document));
console.log(`wrote ${fileURLToPath(WEB_API_TYPES)}`);
