import { useMemo, useState } from 'preact/hooks';
import type { Identity } from '../../../shared/domain/identity';
import type { ApiClient } from '../api/client';
import type { Locale } from '../i18n/locale';
import { LanguageSwitch } from '../ui/language-switch';
import { lazy } from '../ui/lazy';
import { identityOfToken, isCoordination } from './auth/identity';
import type { Auth } from './auth/session';
import { municipalityName } from './format';
import { CONSOLE_MESSAGES, type ConsoleMessages } from './messages';
import { MunicipalitiesPage } from './pages/municipalities-page';
import { NewRequestPage } from './pages/new-request-page';
import { OfficialsPage } from './pages/officials-page';
import { RequestPage } from './pages/request-page';
import { RequestsPage } from './pages/requests-page';
import { RosterPage } from './pages/roster-page';
import { currentPath, navigate, pathOf, routeOf } from './router';

// The roster import checks files with the API's own schemas and phone rules: its own chunk, fetched when opened.
const ImportPage = lazy(() => import('./pages/import-page').then((page) => page.ImportPage));

const NavLink = ({ path, children }: { path: string; children: string }) => (
  <a
    href={path}
    aria-current={currentPath.value === path ? 'page' : undefined}
    onClick={(e) => {
      e.preventDefault();
      navigate(path);
    }}
  >
    {children}
  </a>
);

const Header = ({
  identity,
  m,
  locale,
  setLocale,
  auth,
}: {
  identity: Identity & { name?: string };
  m: ConsoleMessages;
  locale: Locale;
  setLocale: (locale: Locale) => void;
  auth: Auth;
}) => (
  <header class="console-header">
    <p class="brand">{m.appName}</p>
    <nav aria-label={m.mainNavigation}>
      <ul>
        <li>
          <NavLink path={pathOf.requests()}>{m.requests}</NavLink>
        </li>
        {identity.municipality && identity.roles.includes('municipal-admin') && (
          <>
            <li>
              <NavLink path={pathOf.roster(identity.municipality)}>{m.corps}</NavLink>
            </li>
            <li>
              <NavLink path={pathOf.officials(identity.municipality)}>{m.officials}</NavLink>
            </li>
          </>
        )}
        {identity.roles.includes('coordinator') && (
          <li>
            <NavLink path={pathOf.municipalities()}>{m.municipalities}</NavLink>
          </li>
        )}
      </ul>
    </nav>
    <p class="who">
      {identity.name ?? identity.sub} ·{' '}
      {identity.roles.map((r) => m.roles[r as keyof ConsoleMessages['roles']] ?? r).join(', ')}
      {identity.municipality && ` · ${municipalityName(identity.municipality, locale)}`}
    </p>
    <LanguageSwitch label={m.language} current={locale} onLocale={setLocale} />
    <button type="button" class="button button--small button--secondary" onClick={() => auth.signOut()}>
      {m.signOut}
    </button>
  </header>
);

/** The console once signed in: the page the address names, for the signed-in role. */
export const ConsoleApp = ({
  client,
  token,
  auth,
  initialLocale,
}: {
  client: ApiClient;
  token: string;
  auth: Auth;
  initialLocale: Locale;
}) => {
  const [locale, setLocale] = useState(initialLocale);
  const identity = useMemo(() => identityOfToken(token), [token]);
  const m = CONSOLE_MESSAGES[locale];
  document.documentElement.lang = locale;
  const route = routeOf(currentPath.value);
  const mayKeepCorps = (nis: string) =>
    identity.roles.includes('coordinator') ||
    (identity.municipality === nis && identity.roles.includes('municipal-admin'));

  const page = () => {
    switch (route.page) {
      case 'requests':
        return <RequestsPage client={client} identity={identity} m={m} locale={locale} />;
      case 'new-request':
        return (
          <NewRequestPage
            client={client}
            identity={identity}
            m={m}
            locale={locale}
            onLaunched={(id) => navigate(pathOf.request(id))}
          />
        );
      case 'request':
        return (
          <RequestPage
            key={route.id}
            client={client}
            id={route.id}
            identity={identity}
            m={m}
            locale={locale}
          />
        );
      case 'roster':
        return mayKeepCorps(route.nis) ? (
          <RosterPage client={client} nis={route.nis} m={m} />
        ) : (
          <p>{m.notYours}</p>
        );
      case 'import':
        return mayKeepCorps(route.nis) ? (
          <ImportPage
            client={client}
            nis={route.nis}
            m={m}
            pending={<p aria-busy="true">{m.loading}</p>}
            failed={<p role="alert">{m.pageUnavailable}</p>}
          />
        ) : (
          <p>{m.notYours}</p>
        );
      case 'officials':
        return mayKeepCorps(route.nis) ? (
          <OfficialsPage client={client} nis={route.nis} identity={identity} m={m} locale={locale} />
        ) : (
          <p>{m.notYours}</p>
        );
      case 'municipalities':
        return identity.roles.includes('coordinator') ? <MunicipalitiesPage m={m} /> : <p>{m.notYours}</p>;
      default:
        return <p>{m.pageNotFound}</p>;
    }
  };
  document.title = `${m.appName}${isCoordination(identity) ? ` · ${m.coordination}` : ''}`;
  return (
    <>
      <a class="skip-link" href="#main">
        {m.skipToContent}
      </a>
      <Header identity={identity} m={m} locale={locale} setLocale={setLocale} auth={auth} />
      <main id="main" class="console" tabIndex={-1}>
        {page()}
      </main>
    </>
  );
};
