import { LOCALE_NAMES, LOCALES, type Locale } from '../i18n/locale';

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
            {LOCALE_NAMES[locale]}
          </button>
        </li>
      ))}
    </ul>
  </nav>
);
