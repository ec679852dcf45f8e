import { describe, expect, it } from 'vitest';
import { mobilePhoneIn, mobilePhoneSchema } from '../../../../shared/schemas/phone';

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

describe('mobile phone numbers of the allowed countries only', () => {
  const neighbours = mobilePhoneIn(['BE', 'NL', 'FR', 'DE', 'LU']);

  it.each([
    ['a Belgian mobile', '0470 12 34 56', '+32470123456'],
    ['a Dutch mobile', '+31 6 12345678', '+31612345678'],
    ['a German mobile', '+49 151 23456789', '+4915123456789'],
    ['a Luxembourg mobile', '+352 621 123 456', '+352621123456'],
  ])('accepts %s', (_, input, e164) => {
    expect(neighbours.parse(input)).toBe(e164);
  });

  it.each([
    ['a US number', '+1 415 555 2671'],
    ['a British mobile', '+44 7400 123456'],
    ['a Nigerian mobile', '+234 803 123 4567'],
  ])('refuses %s, naming the countries it takes', (_, input) => {
    const result = neighbours.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe(
      'a mobile number of one of these countries: BE, NL, FR, DE, LU',
    );
  });

  it('still refuses a landline of an allowed country as no mobile number', () => {
    expect(neighbours.safeParse('09 223 45 67').error?.issues[0]?.message).toMatch(/valid mobile/);
  });
});
