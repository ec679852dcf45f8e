import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { readCommandLine } from './command-line';
import { PHONE_METADATA_FILE, phoneMetadataText } from './phone-metadata-file';

/** `npm run phone-metadata`: writes the phone metadata of the countries the system takes numbers from. */
readCommandLine({
  run: 'npm run phone-metadata',
  summary:
    "Writes shared/schemas/phone-metadata.json: libphonenumber's mobile rules for PHONE_COUNTRIES only; a unit test fails when it is stale.",
  flags: {},
});
writeFileSync(PHONE_METADATA_FILE, phoneMetadataText());
console.log(`wrote ${fileURLToPath(PHONE_METADATA_FILE)}`);
