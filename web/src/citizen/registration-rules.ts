import { ADULT_AGE, ageOn, MINIMUM_AGE } from '../../../shared/domain/age';
import type { ApiError } from '../api/client';
import type { Locale } from '../i18n/locale';
import type { CitizenMessages } from './messages';

/** What the citizen fills in, as the form holds it. */
export interface RegistrationValues {
  name: string;
  birthDate: string;
  phone: string;
  language: Locale;
  consent: boolean;
  parentalConsent: boolean;
}

export type Problem = keyof CitizenMessages['errors'];
/** A field refused, and which of the page's messages says why; `field` is the id of the input to fix. */
export interface FieldProblem {
  field: 'name' | 'birthDate' | 'phone' | 'language-nl' | 'consent' | 'parentalConsent';
  problem: Problem;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A registrant of 16 or 17 confirms that a parent or guardian agrees (the API's rule, asked before sending). */
export const needsParentalConsent = (birthDate: string, today: string): boolean => {
  if (!ISO_DATE.test(birthDate)) return false;
  const age = ageOn(birthDate, today);
  return age >= MINIMUM_AGE && age < ADULT_AGE;
};

/**
 * The checks the page can make before sending, in the order of the fields. The phone number's country and form are
 * the API's to judge: its answer is mapped onto the field like these.
 */
export const checkRegistration = (values: RegistrationValues, today: string): FieldProblem[] => {
  const problems: FieldProblem[] = [];
  if (!values.name.trim()) problems.push({ field: 'name', problem: 'name' });
  if (!ISO_DATE.test(values.birthDate) || values.birthDate > today)
    problems.push({ field: 'birthDate', problem: 'birthDate' });
  else if (ageOn(values.birthDate, today) < MINIMUM_AGE)
    problems.push({ field: 'birthDate', problem: 'minimumAge' });
  if (!/^\+?[\d\s./()-]{8,20}$/.test(values.phone.trim()))
    problems.push({ field: 'phone', problem: 'phone' });
  if (!values.consent) problems.push({ field: 'consent', problem: 'consent' });
  if (needsParentalConsent(values.birthDate, today) && !values.parentalConsent)
    problems.push({ field: 'parentalConsent', problem: 'parentalConsent' });
  return problems;
};

/** The body the API takes: parental consent is sent only by someone who needs it; the page asks no skills. */
export const registrationBody = (values: RegistrationValues, today: string) => ({
  name: values.name.trim(),
  skills: [],
  birthDate: values.birthDate,
  phone: values.phone.trim(),
  language: values.language,
  consent: true as const,
  ...(needsParentalConsent(values.birthDate, today) ? { parentalConsent: true as const } : {}),
});

const FIELD_OF_PATH: Record<string, FieldProblem> = {
  name: { field: 'name', problem: 'name' },
  birthDate: { field: 'birthDate', problem: 'birthDate' },
  phone: { field: 'phone', problem: 'phone' },
  language: { field: 'language-nl', problem: 'language' },
  consent: { field: 'consent', problem: 'consent' },
  parentalConsent: { field: 'parentalConsent', problem: 'parentalConsent' },
};

const FIELD_OF_RULE: Record<string, FieldProblem> = {
  'minimum-age': { field: 'birthDate', problem: 'minimumAge' },
  'implausible-birth-date': { field: 'birthDate', problem: 'birthDate' },
  'parental-consent-required': { field: 'parentalConsent', problem: 'parentalConsent' },
};

/**
 * The fields an error answer refuses, in the page's words (the API's own messages are English); empty when the
 * answer is about something else than a field.
 */
export const problemsInAnswer = (answer: ApiError): FieldProblem[] => {
  if (answer.rule) return FIELD_OF_RULE[answer.rule] ? [FIELD_OF_RULE[answer.rule]!] : [];
  const problems = (answer.issues ?? []).flatMap(
    (issue) => FIELD_OF_PATH[issue.path.split('.')[0] ?? ''] ?? [],
  );
  return problems.filter((p, i) => problems.findIndex((q) => q.field === p.field) === i);
};
