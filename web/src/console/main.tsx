import { render } from 'preact';
import { loadWebConfig } from '../config';
import { LOCALES, preferredLocale } from '../i18n/locale';
import { consoleClient } from './api';
import { LocalSignIn } from './auth/local-sign-in';
import { authFor, localAuth } from './auth/session';
import { ConsoleApp } from './console-app';
import { CONSOLE_MESSAGES } from './messages';
import './console.css';

const root = document.getElementById('app')!;
const locale = preferredLocale(navigator.languages);
document.documentElement.lang = locale;

const start = async () => {
  const config = await loadWebConfig();
  const auth = authFor(config);
  await auth.completeSignIn();
  const signedOut = () => void auth.signOut();
  const token = await auth.token();
  if (token) {
    const client = consoleClient(config.apiUrl, auth, signedOut);
    return render(<ConsoleApp client={client} token={token} auth={auth} initialLocale={locale} />, root);
  }
  if (config.auth.kind === 'cognito') return auth.signIn();
  const local = localAuth();
  render(
    <main id="main" class="page">
      <LocalSignIn
        m={CONSOLE_MESSAGES[locale]}
        onToken={(signed) => {
          local.keep(signed);
          void start();
        }}
      />
    </main>,
    root,
  );
};

// Without its settings the console cannot reach the API: it says so in every language rather than stay blank.
start().catch(() => {
  root.textContent = LOCALES.map((l) => CONSOLE_MESSAGES[l].unavailable).join(' · ');
});
