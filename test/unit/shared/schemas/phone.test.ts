import { describe, expect, it } from 'vitest';
import { mobilePhoneSchema } from '../../../../shared/schemas/phone';

describe('mobile phone numbers', () => {
  it.each([
    ['a Belgian mobile in the national form', '0470 12 34 56', '+32470123456'],
    ['a Belgian mobile with dots and a slash', '0499/11.22.33', '+32499112233'],
    ['a Belgian mobile with the 0032 prefix', '0032 470 12 34 56', '+32470123456'],
    ['a Belgian mobile in E.164', '+32470123456', '+32470123456'],
    ['a Dutch mobile', '+31 6 12345678', '+31612345678'],
    ['a French mobile', '+33 6 12 34 56 78', '+33612345678'],
    ['a number that may be mobile or fixed (US)', '+1 415 555 2671', '+14155552671'],
  ])('accepts %s and returns it in E.164', (_, input, e164) => {
    expect(mobilePhoneSchema.parse(input)).toBe(e164);
  });

  it.each([
    ['a Belgian landline', '09 223 45 67'],
    ['a Belgian landline in E.164', '+3292234567'],
    ['a Belgian toll-free number', '0800 12 345'],
    ['a Belgian mobile with a digit missing', '0470 12 34 5'],
    ['a Dutch landline', '+31 20 123 4567'],
    ['text', 'call me'],
  ])('refuses %s', (_, input) => {
    expect(mobilePhoneSchema.safeParse(input).success).toBe(false);
  });
});
