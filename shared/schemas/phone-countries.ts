/**
 * Every country whose mobile numbers the system takes at all, and so the phone metadata it carries
 * (shared/schemas/phone-metadata.json, `npm run phone-metadata`): the EU and EEA, Switzerland, the United Kingdom
 * and the United States. A stage's `allowedPhoneCountries` for the public registration are some of these.
 */
export const PHONE_COUNTRIES = [
  'AT',
  'BE',
  'BG',
  'CH',
  'CY',
  'CZ',
  'DE',
  'DK',
  'EE',
  'ES',
  'FI',
  'FR',
  'GB',
  'GR',
  'HR',
  'HU',
  'IE',
  'IS',
  'IT',
  'LI',
  'LT',
  'LU',
  'LV',
  'MT',
  'NL',
  'NO',
  'PL',
  'PT',
  'RO',
  'SE',
  'SI',
  'SK',
  'US',
] as const;

export type PhoneCountry = (typeof PHONE_COUNTRIES)[number];
