import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import * as z from 'zod';

export const nisCodeSchema = z
  .string()
  .regex(/^\d{5}$/, 'a NIS code has 5 digits')
  .meta({ description: '5-digit NIS code of a Flemish municipality', example: '44021' });

export const idSchema = z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'not a valid id');

/** Calendar date YYYY-MM-DD that exists (rejects 2025-02-30). */
export const isoDateSchema = z.iso.date({ message: 'a date as YYYY-MM-DD' });

/** Mobile numbers only: an alert that cannot be delivered by SMS is no alert. Belgian national forms are accepted. */
export const mobilePhoneSchema = z
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
    return phone.number;
  })
  .meta({ description: 'mobile number; returned in E.164', example: '+32470123456' });

export const smsLanguageSchema = z.enum(['nl', 'fr', 'en']).default('nl');

/** Text that may not be JSON (an event from outside), for a zod safeParse to judge. */
export const parseJsonOrUndefined = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
};
