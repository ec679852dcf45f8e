import {
  type MetadataJson,
  ParseError,
  type PhoneNumber,
  parsePhoneNumberWithError,
} from 'libphonenumber-js/core';
import * as z from 'zod/mini';
import { PHONE_COUNTRIES, type PhoneCountry } from './phone-countries';
import phoneMetadata from './phone-metadata.json';

// The mobile rules of PHONE_COUNTRIES only (npm run phone-metadata): 18 KB instead of the whole world's 99 KB.
const metadata = phoneMetadata as MetadataJson;

/** Where the public registration takes numbers from unless a stage says otherwise: Belgium and its neighbours. */
export const DEFAULT_PHONE_COUNTRIES: PhoneCountry[] = ['BE', 'NL', 'FR', 'DE', 'LU'];

/** One of PHONE_COUNTRIES, as an ISO 3166-1 alpha-2 code (`BE`): a stage may allow no country the metadata lacks. */
export const phoneCountrySchema = z.enum(PHONE_COUNTRIES, {
  error: `one of these ISO 3166-1 alpha-2 country codes: ${PHONE_COUNTRIES.join(', ')}`,
});

/** The number, or `elsewhere` for an international number whose country calling code the metadata does not have. */
const parseNumber = (value: string): PhoneNumber | 'elsewhere' | undefined => {
  try {
    return parsePhoneNumberWithError(value, 'BE', metadata);
  } catch (error) {
    if (!(error instanceof ParseError)) throw error;
    return error.message === 'INVALID_COUNTRY' ? 'elsewhere' : undefined;
  }
};

const mobilePhone = (countries: readonly PhoneCountry[]) =>
  z
    .pipe(
      z.string().check(z.maxLength(32)),
      z.transform((value: string, ctx) => {
        const phone = parseNumber(value);
        const type = phone === 'elsewhere' ? undefined : phone?.getType();
        if (
          phone !== 'elsewhere' &&
          (!phone?.isValid() || (type !== 'MOBILE' && type !== 'FIXED_LINE_OR_MOBILE'))
        ) {
          ctx.issues.push({
            code: 'custom',
            message: 'a valid mobile phone number (E.164 or Belgian national form)',
            input: value,
          });
          return z.NEVER;
        }
        if (
          phone === 'elsewhere' ||
          !(phone.country && (countries as readonly string[]).includes(phone.country))
        ) {
          ctx.issues.push({
            code: 'custom',
            message: `a mobile number of one of these countries: ${countries.join(', ')}`,
            input: value,
          });
          return z.NEVER;
        }
        return phone.number;
      }),
    )
    .check(z.meta({ description: 'mobile number; returned in E.164', example: '+32470123456' }));

/**
 * Mobile numbers of PHONE_COUNTRIES: an alert that cannot be delivered by SMS is no alert. Belgian national forms
 * are accepted.
 */
export const mobilePhoneSchema = mobilePhone(PHONE_COUNTRIES);

/** A mobile number of one of `countries` only: where anyone may enter a number, SMS go to no other country. */
export const mobilePhoneIn = (countries: readonly PhoneCountry[]) => mobilePhone(countries);
