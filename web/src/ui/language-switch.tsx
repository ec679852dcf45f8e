import { LOCALES, type Locale } from '../i18n/locale';

/** Each language named in itself, so a reader finds theirs whatever the page's language. */
const NAMES: Record<Locale, string> = { nl: 'Nederlands', fr: 'Français', en: 'English' };

export const LanguageSwitch = ({
  label,
  current,
  onLocale,
}: {
  label: string;
  current: Locale;
  onLocale: (locale: Locale) => void;
}) => (
  <nav class="language-switch" aria-label={label}>
    <ul>
      {LOCALES.map((locale) => (
        <li key={locale}>
          <button
            type="button"
            lang={locale}
            aria-current={locale === current ? 'true' : undefined}
            onClick={() => onLocale(locale)}
          >
            {NAMES[locale]}
          </button>
        </li>
      ))}
    </ul>
  </nav>
);
