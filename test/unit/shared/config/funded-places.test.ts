import { describe, expect, it } from 'vitest';
import { parseFundedPlaces } from '../../../../shared/config';

describe('parseFundedPlaces', () => {
  it('reads the places Flanders funds per corps by year from CORPS_FUNDED_PLACES', () => {
    expect(parseFundedPlaces({ CORPS_FUNDED_PLACES: '{"2025":80,"2027":100}' })).toEqual({
      2025: 80,
      2027: 100,
    });
  });

  it('configures no year when the variable is unset, so every year keeps the 80', () => {
    expect(parseFundedPlaces({})).toEqual({});
  });

  it.each(['{"2027":-1}', '{"next year":100}', '[100]', 'eighty'])(
    'fails fast naming the variable for %s',
    (value) => {
      expect(() => parseFundedPlaces({ CORPS_FUNDED_PLACES: value })).toThrow(/CORPS_FUNDED_PLACES/);
    },
  );
});
