import { describe, expect, it } from 'vitest';
import { parseRegistrationPolicy } from '../../../shared/registration-policy';

describe('parseRegistrationPolicy', () => {
  it('defaults to Belgium and its neighbours and a cap of 1,000 registrations per call', () => {
    expect(parseRegistrationPolicy({})).toEqual({
      allowedPhoneCountries: ['BE', 'NL', 'FR', 'DE', 'LU'],
      spontaneousRegistrationCap: 1000,
    });
  });

  it('reads the countries and the cap the stack sets', () => {
    expect(
      parseRegistrationPolicy({ ALLOWED_PHONE_COUNTRIES: 'BE,NL', SPONTANEOUS_REGISTRATION_CAP: '250' }),
    ).toEqual({ allowedPhoneCountries: ['BE', 'NL'], spontaneousRegistrationCap: 250 });
  });

  it.each([
    [{ ALLOWED_PHONE_COUNTRIES: 'BE,XX' }, /ALLOWED_PHONE_COUNTRIES/],
    [{ ALLOWED_PHONE_COUNTRIES: '' }, /ALLOWED_PHONE_COUNTRIES/],
    [{ SPONTANEOUS_REGISTRATION_CAP: '0' }, /SPONTANEOUS_REGISTRATION_CAP/],
  ])('fails fast naming the variable for %o', (env, message) => {
    expect(() => parseRegistrationPolicy(env)).toThrow(message);
  });
});
