import { describe, expect, it } from 'vitest';
import {
  checkRegistration,
  needsParentalConsent,
  problemsInAnswer,
  type RegistrationValues,
  registrationBody,
} from '../../../web/src/citizen/registration-rules';
import { preferredLocale } from '../../../web/src/i18n/locale';

const TODAY = '2026-12-01';
const FILLED: RegistrationValues = {
  name: ' Arne Spontaan ',
  birthDate: '1983-09-17',
  phone: '0479 12 98 76',
  language: 'nl',
  consent: true,
  parentalConsent: false,
};

describe("the citizen's page before it sends", () => {
  it('asks a parent’s consent from the 16th birthday to the day before the 18th, by the calendar', () => {
    expect(needsParentalConsent('2010-12-01', TODAY)).toBe(true);
    expect(needsParentalConsent('2008-12-02', TODAY)).toBe(true);
    expect(needsParentalConsent('2008-12-01', TODAY)).toBe(false);
    expect(needsParentalConsent('2010-12-02', TODAY)).toBe(false);
    expect(needsParentalConsent('', TODAY)).toBe(false);
  });

  it('names each missing or wrong field in the order of the form', () => {
    expect(
      checkRegistration(
        { name: ' ', birthDate: '', phone: 'abc', language: 'fr', consent: false, parentalConsent: false },
        TODAY,
      ),
    ).toEqual([
      { field: 'name', problem: 'name' },
      { field: 'birthDate', problem: 'birthDate' },
      { field: 'phone', problem: 'phone' },
      { field: 'consent', problem: 'consent' },
    ]);
    expect(checkRegistration({ ...FILLED, birthDate: '2011-01-01' }, TODAY)).toEqual([
      { field: 'birthDate', problem: 'minimumAge' },
    ]);
    expect(checkRegistration({ ...FILLED, birthDate: '2027-01-01' }, TODAY)).toEqual([
      { field: 'birthDate', problem: 'birthDate' },
    ]);
    expect(checkRegistration({ ...FILLED, birthDate: '2010-06-01' }, TODAY)).toEqual([
      { field: 'parentalConsent', problem: 'parentalConsent' },
    ]);
    expect(checkRegistration(FILLED, TODAY)).toEqual([]);
  });

  it('sends a parent’s consent only for someone of 16 or 17, and the name trimmed', () => {
    expect(registrationBody(FILLED, TODAY)).toEqual({
      name: 'Arne Spontaan',
      skills: [],
      birthDate: '1983-09-17',
      phone: '0479 12 98 76',
      language: 'nl',
      consent: true,
    });
    expect(
      registrationBody({ ...FILLED, birthDate: '2010-06-01', parentalConsent: true }, TODAY),
    ).toMatchObject({
      parentalConsent: true,
    });
  });
});

describe("the API's refusals on the citizen's page", () => {
  it('puts each refused field of a validation error on its input, once', () => {
    expect(
      problemsInAnswer({
        error: 'ValidationError',
        issues: [
          { path: 'phone', message: 'a mobile number of one of these countries: BE, NL, FR, DE, LU' },
          { path: 'phone', message: 'too short' },
          { path: 'language', message: 'invalid option' },
          { path: 'skills.0', message: 'not a skill' },
        ],
      }),
    ).toEqual([
      { field: 'phone', problem: 'phone' },
      { field: 'language-nl', problem: 'language' },
    ]);
  });

  it('puts the age rules on the birth date and the parental consent, and nothing on a rule about the call', () => {
    expect(problemsInAnswer({ error: 'RuleViolation', rule: 'minimum-age' })).toEqual([
      { field: 'birthDate', problem: 'minimumAge' },
    ]);
    expect(problemsInAnswer({ error: 'RuleViolation', rule: 'parental-consent-required' })).toEqual([
      { field: 'parentalConsent', problem: 'parentalConsent' },
    ]);
    expect(problemsInAnswer({ error: 'RuleViolation', rule: 'spontaneous-call-full' })).toEqual([]);
  });
});

describe("the pages' language", () => {
  it("is the first of the browser's languages the pages speak, else Dutch", () => {
    expect(preferredLocale(['de-DE', 'fr-BE', 'nl'])).toBe('fr');
    expect(preferredLocale(['EN-gb'])).toBe('en');
    expect(preferredLocale(['de', 'it'])).toBe('nl');
    expect(preferredLocale([])).toBe('nl');
  });
});
