import { existsSync, readFileSync } from 'node:fs';
import examples from 'libphonenumber-js/examples.mobile.json';
import { getExampleNumber, parsePhoneNumberFromString } from 'libphonenumber-js/mobile';
import { describe, expect, it } from 'vitest';
import { PHONE_METADATA_FILE, phoneMetadataText } from '../../../../local/cli/phone-metadata-file';
import { mobilePhoneIn, mobilePhoneSchema, phoneCountrySchema } from '../../../../shared/schemas/phone';
import { PHONE_COUNTRIES } from '../../../../shared/schemas/phone-countries';

/** Each country's example mobile number from libphonenumber, in E.164. */
const EXAMPLES = PHONE_COUNTRIES.map((country) => ({
  country,
  e164: getExampleNumber(country, examples)?.number as string,
}));

describe('shared/schemas/phone-metadata.json', () => {
  it('is exactly what `npm run phone-metadata` generates from the installed libphonenumber', () => {
    const checkedIn = existsSync(PHONE_METADATA_FILE) ? readFileSync(PHONE_METADATA_FILE, 'utf8') : '';

    expect(
      checkedIn === phoneMetadataText(),
      'shared/schemas/phone-metadata.json is stale: run `npm run phone-metadata` and commit the file',
    ).toBe(true);
  });

  it('holds the rules of the countries a stage may allow and of no other country', () => {
    const metadata = JSON.parse(readFileSync(PHONE_METADATA_FILE, 'utf8')) as { countries: object };

    expect(Object.keys(metadata.countries).sort()).toEqual([...PHONE_COUNTRIES].sort());
  });
});

describe('the countries a stage may allow', () => {
  it.each(EXAMPLES)('takes a mobile number of $country when a stage allows it', ({ country, e164 }) => {
    expect(phoneCountrySchema.parse(country)).toBe(country);
    expect(mobilePhoneIn([country]).parse(e164)).toBe(e164);
    expect(mobilePhoneSchema.parse(e164)).toBe(e164);
  });

  it('refuses a country the phone metadata does not cover as a stage setting, naming the ones it takes', () => {
    const result = phoneCountrySchema.safeParse('NG');

    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toMatch(
      /^one of these ISO 3166-1 alpha-2 country codes: AT, BE, /,
    );
  });

  it('judges every example number as the whole-world mobile metadata does', () => {
    // Each country's example in national and international forms, and each cut short by a digit.
    const inputs = EXAMPLES.flatMap(({ e164 }) => {
      const phone = parsePhoneNumberFromString(e164);
      return [e164, e164.slice(0, -1), phone?.formatInternational() ?? '', phone?.formatNational() ?? ''];
    });
    const wholeWorld = (input: string) => {
      const phone = parsePhoneNumberFromString(input, 'BE');
      const type = phone?.getType();
      return phone?.isValid() && (type === 'MOBILE' || type === 'FIXED_LINE_OR_MOBILE')
        ? phone.number
        : undefined;
    };

    for (const input of inputs) {
      const result = mobilePhoneSchema.safeParse(input);
      expect(result.success ? result.data : undefined, input).toBe(wholeWorld(input));
    }
  });
});
