import { describe, expect, it } from 'vitest';
import {
  ageOn,
  assertMinimumAge,
  assertPlausibleBirthDate,
  MAXIMUM_AGE,
  MINIMUM_AGE,
} from '../../../../shared/domain/age';
import { RuleViolation } from '../../../../shared/domain/errors';

describe('ageOn', () => {
  it.each([
    { birth: '2000-06-15', today: '2025-06-14', age: 24, why: 'the day before the birthday' },
    { birth: '2000-06-15', today: '2025-06-15', age: 25, why: 'on the birthday' },
    { birth: '2000-06-15', today: '2025-06-16', age: 25, why: 'the day after the birthday' },
    { birth: '2000-06-15', today: '2025-05-31', age: 24, why: 'a month before the birthday' },
    { birth: '2000-06-15', today: '2025-07-01', age: 25, why: 'a month after the birthday' },
    { birth: '2000-12-31', today: '2025-01-01', age: 24, why: 'early in the year for a December birth' },
    { birth: '2000-01-01', today: '2025-12-31', age: 25, why: 'late in the year for a January birth' },
    { birth: '2025-03-10', today: '2025-03-10', age: 0, why: 'on the day of birth' },
  ])('counts $age whole years for a birth on $birth on $today ($why)', ({ birth, today, age }) => {
    expect(ageOn(birth, today)).toBe(age);
  });

  it.each([
    { today: '2024-02-28', age: 15, why: 'the day before the leap-day birthday' },
    { today: '2024-02-29', age: 16, why: 'on the leap-day birthday' },
    { today: '2025-02-28', age: 16, why: 'on 28 February of a common year' },
    { today: '2025-03-01', age: 17, why: 'on 1 March of a common year' },
  ])('gives a volunteer born on 2008-02-29 age $age on $today ($why)', ({ today, age }) => {
    expect(ageOn('2008-02-29', today)).toBe(age);
  });
});

describe('assertMinimumAge', () => {
  it('sets the minimum age at 16', () => {
    expect(MINIMUM_AGE).toBe(16);
  });

  it('refuses a volunteer who turns 16 tomorrow with the minimum-age rule', () => {
    const register = () => assertMinimumAge('2009-06-15', '2025-06-14');
    expect(register).toThrow(RuleViolation);
    expect(register).toThrow(expect.objectContaining({ rule: 'minimum-age' }));
  });

  it.each([
    { birth: '2009-06-15', today: '2025-06-15', why: 'on the 16th birthday' },
    { birth: '2009-06-15', today: '2025-06-16', why: 'the day after the 16th birthday' },
    { birth: '1950-01-01', today: '2025-06-15', why: 'well past 16' },
    { birth: '2008-02-29', today: '2024-02-29', why: 'a leap-day birth on the 16th birthday' },
  ])('accepts a volunteer born on $birth on $today ($why)', ({ birth, today }) => {
    expect(() => assertMinimumAge(birth, today)).not.toThrow();
  });

  it.each([
    { birth: '2008-02-29', today: '2024-02-28', why: 'a leap-day birth the day before turning 16' },
    { birth: '2015-01-01', today: '2025-06-15', why: 'a ten-year-old' },
    { birth: '2009-12-31', today: '2025-01-01', why: 'turning 16 at the end of the year' },
  ])('refuses a volunteer born on $birth on $today ($why)', ({ birth, today }) => {
    let thrown: unknown;
    try {
      assertMinimumAge(birth, today);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(RuleViolation);
    expect((thrown as RuleViolation).rule).toBe('minimum-age');
    expect((thrown as RuleViolation).message).toContain('16');
  });
});

describe('assertPlausibleBirthDate', () => {
  it('draws the line at 110 years', () => {
    expect(MAXIMUM_AGE).toBe(110);
  });

  it.each([
    { birth: '1915-06-14', today: '2025-06-15', why: '110 years and a day ago' },
    { birth: '1900-01-01', today: '2025-06-15', why: 'a 1900 typed for a 2000' },
    { birth: '0001-01-01', today: '2025-06-15', why: 'the first year of the calendar' },
    { birth: '1914-02-28', today: '2024-02-29', why: 'the day before 110 years back from a leap day' },
  ])(
    'refuses a birth date of $birth on $today ($why) with the implausible-birth-date rule',
    ({ birth, today }) => {
      const register = () => assertPlausibleBirthDate(birth, today);
      expect(register).toThrow(RuleViolation);
      expect(register).toThrow(expect.objectContaining({ rule: 'implausible-birth-date' }));
    },
  );

  it.each([
    { birth: '1915-06-15', today: '2025-06-15', why: 'exactly 110 years ago' },
    { birth: '1915-06-16', today: '2025-06-15', why: '109 years old' },
    { birth: '1914-03-01', today: '2024-02-29', why: 'after 110 years back from a leap day' },
    { birth: '2000-01-01', today: '2025-06-15', why: 'an ordinary adult' },
  ])('accepts a birth date of $birth on $today ($why)', ({ birth, today }) => {
    expect(() => assertPlausibleBirthDate(birth, today)).not.toThrow();
  });
});
