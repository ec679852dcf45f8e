import { officialMunicipality } from '../../../shared/reference/municipalities';
import type { Locale } from '../i18n/locale';

const LANGUAGE_TAGS: Record<Locale, string> = { nl: 'nl-BE', fr: 'fr-BE', en: 'en-GB' };

/** Times as Belgians read them, in Belgian time whatever the computer's zone. */
export const timeOf = (iso: string, locale: Locale) =>
  new Intl.DateTimeFormat(LANGUAGE_TAGS[locale], {
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    timeZone: 'Europe/Brussels',
  }).format(new Date(iso));

/** Hours and minutes only ("14:05"): when someone arrived on site or left, as it is said on the phone. */
export const clockOf = (iso: string, locale: Locale) =>
  new Intl.DateTimeFormat(LANGUAGE_TAGS[locale], {
    hour: '2-digit',
    minute: '2-digit',
    timeZone: 'Europe/Brussels',
  }).format(new Date(iso));

export const dateTimeOf = (iso: string, locale: Locale) =>
  new Intl.DateTimeFormat(LANGUAGE_TAGS[locale], {
    dateStyle: 'short',
    timeStyle: 'short',
    timeZone: 'Europe/Brussels',
  }).format(new Date(iso));

/** Whole minutes from one moment to another, for "replied after 4 min" and a request's age. */
export const minutesBetween = (from: string, to: string | Date) =>
  Math.max(0, Math.round((new Date(to).getTime() - new Date(from).getTime()) / 60_000));

/** A municipality by its name in the page's language (French names where they exist), else its NIS code. */
export const municipalityName = (nis: string, locale: Locale) => {
  const found = officialMunicipality(nis);
  return found ? (locale === 'fr' ? found.nameFr || found.name : found.name) : nis;
};
