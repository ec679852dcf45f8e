/** The pages' languages: Dutch first, French and English equal. */
export const LOCALES = ['nl', 'fr', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

/** The first of the browser's languages the pages speak (`fr-BE` is French), else Dutch. */
export const preferredLocale = (languages: readonly string[]): Locale =>
  languages
    .map((tag) => tag.toLowerCase().split('-')[0])
    .find((language): language is Locale => (LOCALES as readonly string[]).includes(language ?? '')) ?? 'nl';

/** Each language named in itself, so a reader finds theirs whatever the page's language. */
export const LOCALE_NAMES: Record<Locale, string> = { nl: 'Nederlands', fr: 'Français', en: 'English' };

/** The languages as radio options (an SMS's or an invitation's language), each marked with its own `lang`. */
export const LOCALE_OPTIONS = LOCALES.map((locale) => ({
  value: locale,
  label: LOCALE_NAMES[locale],
  lang: locale,
}));
