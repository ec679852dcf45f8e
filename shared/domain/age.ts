import { RuleViolation } from './errors';

export const MINIMUM_AGE = 16;

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
