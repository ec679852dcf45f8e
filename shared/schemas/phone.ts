import { parsePhoneNumberFromString } from 'libphonenumber-js/mobile';
import * as z from 'zod';

/**
 * Mobile numbers only: an alert that cannot be delivered by SMS is no alert. Belgian national forms are accepted.
 * libphonenumber's mobile metadata: the full rules, for mobile numbers only (all this needs; 60 KB less than max).
 */
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
