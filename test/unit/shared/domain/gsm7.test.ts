import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  gsm7Length,
  isSinglePartGsm7,
  SINGLE_PART_SEPTETS,
  smsParts,
  toGsm7,
} from '../../../../shared/domain/gsm7';

// GSM 03.38, written out from the standard's table (not copied from the source) so it is an independent oracle.
const GSM7_BASIC = [
  ...'@£$¥èéùìòÇ\nØø\rÅå',
  ...'Δ_ΦΓΛΩΠΨΣΘΞÆæßÉ',
  ...' !"#¤%&\'()*+,-./0123456789:;<=>?',
  ...'¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§',
  ...'¿abcdefghijklmnopqrstuvwxyzäöñüà',
];
const GSM7_EXTENSION = [...'^{}\\[]~|€\f'];
const GSM7 = [...GSM7_BASIC, ...GSM7_EXTENSION];

describe('gsm7Length', () => {
  it('counts every character of the basic set as one septet', () => {
    expect(GSM7_BASIC).toHaveLength(127);
    for (const char of GSM7_BASIC) expect(gsm7Length(char), JSON.stringify(char)).toBe(1);
  });

  it('counts every character of the extension table as two septets', () => {
    for (const char of GSM7_EXTENSION) expect(gsm7Length(char), JSON.stringify(char)).toBe(2);
  });

  it.each([
    { text: '', septets: 0 },
    { text: 'Gent', septets: 4 },
    { text: 'Liège', septets: 5 },
    { text: '10 €', septets: 5 },
    { text: '[JA]', septets: 6 },
  ])('needs $septets septets for "$text"', ({ text, septets }) => {
    expect(gsm7Length(text)).toBe(septets);
  });

  it.each(['België', 'beëindigd', 'ï', 'ê', 'ó', 'á', 'ç', '…', '’', '🚒', '中'])(
    'is undefined for "%s", which forces UCS-2',
    (text) => {
      expect(gsm7Length(text)).toBeUndefined();
    },
  );
});

describe('isSinglePartGsm7', () => {
  it('allows 160 septets in one part', () => {
    expect(SINGLE_PART_SEPTETS).toBe(160);
  });

  it.each([
    { text: 'a'.repeat(160), single: true, why: '160 basic characters' },
    { text: 'a'.repeat(161), single: false, why: '161 basic characters' },
    { text: '€'.repeat(80), single: true, why: '80 extension characters (160 septets)' },
    { text: `${'€'.repeat(80)}a`, single: false, why: '80 extension characters and one more (161 septets)' },
    { text: 'Hulp in België', single: false, why: 'a short text with a UCS-2 character' },
    { text: '', single: true, why: 'an empty text' },
  ])('says $single for $why', ({ text, single }) => {
    expect(isSinglePartGsm7(text)).toBe(single);
  });
});

describe('toGsm7', () => {
  it.each([
    { text: 'België', gsm7: 'Belgie' },
    { text: 'beëindigd', gsm7: 'beeindigd' },
    { text: 'Overstroming België: ë ï ê ó á …', gsm7: 'Overstroming Belgie: e i e o a ...' },
    { text: 'Façade', gsm7: 'Facade' },
    { text: 'cœur', gsm7: 'coeur' },
    { text: 'Œuvre', gsm7: 'OEuvre' },
    { text: 'l’aide', gsm7: "l'aide" },
    { text: '‘hulp’', gsm7: "'hulp'" },
    { text: '“hulp”', gsm7: '"hulp"' },
    { text: '9–17u — dringend', gsm7: '9-17u - dringend' },
    { text: 'Brand 🚒', gsm7: 'Brand ?' },
    { text: 'e\u0301', gsm7: 'e', why: 'a combining accent is dropped' },
  ])('turns "$text" into "$gsm7"', ({ text, gsm7 }) => {
    expect(toGsm7(text)).toBe(gsm7);
  });

  it.each([
    'é',
    'è',
    'Liège',
    'Rhode-Saint-Genèse',
    'Bourg-Léopold',
    'Biévène',
    'Ä Ö Ü ä ö ü à ñ ø å',
    '€ [ ]',
  ])('keeps "%s", which is already GSM-7', (text) => {
    expect(toGsm7(text)).toBe(text);
  });

  it('always gives text that GSM-7 can encode, whatever the input', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme' })), (text) => {
        expect(gsm7Length(toGsm7(text))).toBeTypeOf('number');
      }),
      { numRuns: 1000 },
    );
  });

  it('keeps text that is already GSM-7 unchanged', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...GSM7), maxLength: 200 }), (text) => {
        expect(toGsm7(text)).toBe(text);
      }),
      { numRuns: 1000 },
    );
  });

  it('keeps the GSM-7 characters of mixed text in place', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.constantFrom(...GSM7), fc.constantFrom('ë', 'ï', 'ê', 'ó', 'á', 'ç')), {
          maxLength: 100,
        }),
        (chars) => {
          const out = [...toGsm7(chars.join(''))];
          expect(out).toHaveLength(chars.length);
          chars.forEach((char, i) => {
            if (GSM7.includes(char)) expect(out[i]).toBe(char);
          });
        },
      ),
      { numRuns: 500 },
    );
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (text) => {
        expect(toGsm7(toGsm7(text))).toBe(toGsm7(text));
      }),
      { numRuns: 500 },
    );
  });
});

describe('smsParts', () => {
  it.each([
    { text: 'a'.repeat(160), parts: 1 },
    { text: 'a'.repeat(161), parts: 2 },
    { text: 'a'.repeat(306), parts: 2 },
    { text: 'a'.repeat(307), parts: 3 },
    { text: '€'.repeat(80), parts: 1 },
    { text: '€'.repeat(81), parts: 2 },
    { text: 'België', parts: 1 },
    { text: `België ${'a'.repeat(63)}`, parts: 1 },
    { text: `België ${'a'.repeat(64)}`, parts: 2 },
    { text: `België ${'a'.repeat(127)}`, parts: 2 },
    { text: `België ${'a'.repeat(128)}`, parts: 3 },
  ])('bills $parts part(s) for a text of $text.length characters', ({ text, parts }) => {
    expect(smsParts(text)).toBe(parts);
  });

  it('never bills fewer parts for a longer text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), fc.string({ maxLength: 50 }), (text, more) => {
        expect(smsParts(text + more)).toBeGreaterThanOrEqual(smsParts(text));
      }),
    );
  });
});
