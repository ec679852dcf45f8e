/** The pages' languages: Dutch first, French and English equal. */
export const LOCALES = ['nl', 'fr', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

/** The first of the browser's languages the pages speak (`fr-BE` is French), else Dutch. */
export const preferredLocale = (languages: readonly string[]): Locale =>
  languages
    .map((tag) => tag.toLowerCase().split('-')[0])
    .find((language): language is Locale => (LOCALES as readonly string[]).includes(language ?? '')) ?? 'nl';
