import type { MetadataJson } from 'libphonenumber-js/core';
import mobile from 'libphonenumber-js/metadata.mobile.json';
import { PHONE_COUNTRIES } from '../../shared/schemas/phone-countries';

/** Where the functions find their phone metadata: generated, never edited, checked for staleness by a test. */
export const PHONE_METADATA_FILE = new URL('../../shared/schemas/phone-metadata.json', import.meta.url);

/**
 * libphonenumber's mobile metadata (the full rules, for mobile numbers only) cut down to PHONE_COUNTRIES: what
 * `libphonenumber-metadata-generator --types mobile --countries …` makes, from the installed version's own data, so
 * the rules of a country are exactly those of `libphonenumber-js/mobile`.
 */
export const phoneMetadataText = (): string => {
  const kept = new Set<string>(PHONE_COUNTRIES);
  const metadata: MetadataJson = {
    version: mobile.version,
    country_calling_codes: Object.fromEntries(
      Object.entries(mobile.country_calling_codes)
        .map(([code, countries]) => [code, countries.filter((country) => kept.has(country))] as const)
        .filter(([, countries]) => countries.length > 0),
    ),
    countries: Object.fromEntries(
      Object.entries(mobile.countries).filter(([country]) => kept.has(country)),
    ) as MetadataJson['countries'],
    // Non-geographic numbers (international freephone, satellite) are no mobile numbers of a country.
    nonGeographic: {},
  };
  return `${JSON.stringify(metadata)}\n`;
};
