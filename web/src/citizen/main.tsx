import { render } from 'preact';
import { REGISTRATION_PAGE_PREFIX } from '../../../shared/web/page-paths';
import { apiClient } from '../api/client';
import { wafFetch } from '../api/waf';
import { loadWebConfig } from '../config';
import { LOCALES, preferredLocale } from '../i18n/locale';
import { CitizenPage } from './citizen-page';
import { CITIZEN_MESSAGES } from './messages';
import './citizen.css';

const root = document.getElementById('app')!;
const code = decodeURIComponent(location.pathname.slice(REGISTRATION_PAGE_PREFIX.length).split('/')[0] ?? '');
const locale = preferredLocale(navigator.languages);
document.documentElement.lang = locale;

// Without its settings the page cannot reach the API: it says so in every language rather than stay blank.
try {
  const config = await loadWebConfig();
  // Only the registration is challenged by the WAF: reading the call needs no token, so no wait for its script.
  render(
    <CitizenPage
      client={apiClient(config.apiUrl)}
      registrationClient={apiClient(config.apiUrl, wafFetch(config.wafIntegrationUrl))}
      code={code}
      initialLocale={locale}
    />,
    root,
  );
} catch {
  root.textContent = LOCALES.map((l) => CITIZEN_MESSAGES[l].unavailableTitle).join(' · ');
}
