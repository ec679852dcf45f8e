import { describe, expect, it } from 'vitest';
import { parseOriginationPool } from '../../../../shared/config';

describe('parseOriginationPool', () => {
  it('reads the comma-separated numbers and the rate the stack sets', () => {
    expect(
      parseOriginationPool({
        SMS_ORIGINATION_NUMBERS: '+32460000001,+32460000002',
        SMS_PARTS_PER_SECOND: '20',
      }),
    ).toEqual({ numbers: ['+32460000001', '+32460000002'], partsPerSecond: 20 });
  });

  it("defaults to the account's default identity at 10 parts per second", () => {
    expect(parseOriginationPool({})).toEqual({ numbers: [], partsPerSecond: 10 });
    expect(parseOriginationPool({ SMS_ORIGINATION_NUMBERS: '' })).toEqual({
      numbers: [],
      partsPerSecond: 10,
    });
  });

  it.each([
    [{ SMS_ORIGINATION_NUMBERS: '0460000001' }, /SMS_ORIGINATION_NUMBERS.*E\.164/],
    [{ SMS_PARTS_PER_SECOND: '0' }, /SMS_PARTS_PER_SECOND/],
    [{ SMS_PARTS_PER_SECOND: 'ten' }, /SMS_PARTS_PER_SECOND/],
  ])('fails fast naming the variable for %o', (env, message) => {
    expect(() => parseOriginationPool(env)).toThrow(message);
  });
});
