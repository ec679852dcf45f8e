import { type CountryCode, isSupportedCountry, parsePhoneNumberFromString } from 'libphonenumber-js/mobile';
import * as z from 'zod';

/** Where the public registration takes numbers from unless a stage says otherwise: Belgium and its neighbours. */
export const DEFAULT_PHONE_COUNTRIES: CountryCode[] = ['BE', 'NL', 'FR', 'DE', 'LU'];

/** An ISO 3166-1 alpha-2 code libphonenumber knows (`BE`). */
export const phoneCountrySchema = z
  .string()
  .refine(isSupportedCountry, 'an ISO 3166-1 alpha-2 country code such as BE')
  .transform((code) => code as CountryCode);

const mobilePhone = (countries?: readonly CountryCode[]) =>
  z
    .string()
    .max(32)
    .transform((value, ctx) => {
      const phone = parsePhoneNumberFromString(value, 'BE');
      const type = phone?.getType();
      if (!phone?.isValid() || (type !== 'MOBILE' && type !== 'FIXED_LINE_OR_MOBILE')) {
        ctx.addIssue({
          code: 'custom',
          message: 'a valid mobile phone number (E.164 or Belgian national form)',
        });
        return z.NEVER;
      }
      if (countries && !(phone.country && countries.includes(phone.country))) {
        ctx.addIssue({
          code: 'custom',
          message: `a mobile number of one of these countries: ${countries.join(', ')}`,
        });
        return z.NEVER;
      }
      return phone.number;
    })
    .meta({ description: 'mobile number; returned in E.164', example: '+32470123456' });

/**
 * Mobile numbers only: an alert that cannot be delivered by SMS is no alert. Belgian national forms are accepted.
 * libphonenumber's mobile metadata: the full rules, for mobile numbers only (all this needs; 60 KB less than max).
 */
export const mobilePhoneSchema = mobilePhone();

/** A mobile number of one of `countries` only: where anyone may enter a number, SMS go to no other country. */
export const mobilePhoneIn = (countries: readonly CountryCode[]) => mobilePhone(countries);
