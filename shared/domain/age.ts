import { RuleViolation } from './errors';

export const MINIMUM_AGE = 16;
/** Members of 16 or 17 need their parents' consent and are not alerted for adults-only tasks. */
export const ADULT_AGE = 18;
/** Older than anyone alive in Belgium: such a birth date is a typing error (1900 for 2000), not a volunteer. */
export const MAXIMUM_AGE = 110;

/** Whole years between a birth date (YYYY-MM-DD) and `today` (YYYY-MM-DD), by calendar, not by 365-day years. */
export const ageOn = (birthDate: string, today: string): number => {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = today.split('-').map(Number) as [number, number, number];
  const hadBirthday = tm > bm || (tm === bm && td >= bd);
  return ty - by - (hadBirthday ? 0 : 1);
};

export const assertMinimumAge = (birthDate: string, today: string): void => {
  if (ageOn(birthDate, today) < MINIMUM_AGE) {
    throw new RuleViolation(
      'minimum-age',
      `volunteers must be ${MINIMUM_AGE} or older on the day they register`,
    );
  }
};

/** Refuses a birth date more than MAXIMUM_AGE years before `today` (both YYYY-MM-DD); exactly that many is fine. */
export const assertPlausibleBirthDate = (birthDate: string, today: string): void => {
  const limit = `${String(Number(today.slice(0, 4)) - MAXIMUM_AGE).padStart(4, '0')}${today.slice(4)}`;
  if (birthDate < limit) {
    throw new RuleViolation(
      'implausible-birth-date',
      `the birth date is more than ${MAXIMUM_AGE} years ago: check the year`,
    );
  }
};
