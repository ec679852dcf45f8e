import { useEffect, useRef, useState } from 'preact/hooks';
import type { ApiClient } from '../api/client';
import type { components } from '../api/schema';
import type { Locale } from '../i18n/locale';
import { Page } from '../ui/fields';
import { LanguageSwitch } from '../ui/language-switch';
import { CITIZEN_MESSAGES, type CitizenMessages } from './messages';
import { type Outcome, RegistrationForm } from './registration-form';

type PublicCall = components['schemas']['PublicSpontaneousCall'];

type View = { kind: 'loading' } | { kind: 'unavailable' } | { kind: 'form'; call: PublicCall } | Outcome;

/** A view's heading, focused when the view changes so a screen reader announces where the reader now is. */
const Heading = ({ children }: { children: string }) => {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <h1 tabIndex={-1} ref={heading}>
      {children}
    </h1>
  );
};

/** One paragraph under a heading: the closed, full, unknown and unavailable pages. */
const Notice = ({ title, text, action }: { title: string; text: string; action?: preact.ComponentChild }) => (
  <>
    <Heading>{title}</Heading>
    <p>{text}</p>
    {action}
  </>
);

const ViewOf = ({
  view,
  m,
  call,
  retry,
  form,
}: {
  view: View;
  m: CitizenMessages;
  call: PublicCall | undefined;
  retry: () => void;
  form: (call: PublicCall) => preact.ComponentChild;
}) => {
  switch (view.kind) {
    case 'loading':
      return (
        <p class="loading" aria-busy="true">
          {m.loading}
        </p>
      );
    case 'unavailable':
      return (
        <Notice
          title={m.unavailableTitle}
          text={m.unavailableText}
          action={
            <button type="button" class="button" onClick={retry}>
              {m.retry}
            </button>
          }
        />
      );
    case 'unknown':
      return <Notice title={m.unknownTitle} text={m.unknownText} />;
    case 'full':
      return <Notice title={m.fullTitle} text={m.fullText} />;
    case 'closed':
      return call ? (
        <Notice title={m.closedTitle} text={m.closedText(call.title, call.municipalityName)} />
      ) : (
        <Notice title={m.unknownTitle} text={m.unknownText} />
      );
    case 'done':
      return (
        <>
          <Heading>{m.doneTitle}</Heading>
          <p>{view.status === 'alerted' ? m.doneAlerted(view.phone) : m.doneRegistered}</p>
          {view.status === 'alerted' && <p>{m.doneNext}</p>}
          <p>{m.doneStop}</p>
        </>
      );
    case 'form':
      return (
        <>
          <h1>{view.call.title}</h1>
          <p class="lead">{m.intro(view.call.municipalityName)}</p>
          {view.call.adultsOnly && <p class="note">{m.adultsOnly}</p>}
          {form(view.call)}
        </>
      );
  }
};

/**
 * The citizen's registration page for the call `code`: the call's public facts, the form, and what follows. The
 * registration goes through its own client (in AWS, AWS WAF's fetch).
 */
export const CitizenPage = ({
  client,
  registrationClient,
  code,
  initialLocale,
}: {
  client: ApiClient;
  registrationClient: ApiClient;
  code: string;
  initialLocale: Locale;
}) => {
  const [locale, setLocale] = useState(initialLocale);
  const [view, setView] = useState<View>({ kind: 'loading' });
  const [call, setCall] = useState<PublicCall>();
  const m = CITIZEN_MESSAGES[locale];

  const load = async () => {
    setView({ kind: 'loading' });
    try {
      const { data, response } = await client.GET('/spontaneous/{code}', { params: { path: { code } } });
      if (data) {
        setCall(data);
        setView(data.status === 'open' ? { kind: 'form', call: data } : { kind: 'closed' });
      } else setView(response.status === 404 ? { kind: 'unknown' } : { kind: 'unavailable' });
    } catch {
      setView({ kind: 'unavailable' });
    }
  };
  // The call is fetched once; the retry button fetches it again.
  useEffect(() => {
    void load();
  }, []);
  useEffect(() => {
    document.documentElement.lang = locale;
    if (call) document.title = m.documentTitle(call.title);
  }, [locale, call, m]);

  return (
    <Page header={<LanguageSwitch label={m.languages} current={locale} onLocale={setLocale} />}>
      <ViewOf
        view={view}
        m={m}
        call={call}
        retry={load}
        form={() => (
          <RegistrationForm
            client={registrationClient}
            code={code}
            locale={locale}
            m={m}
            onOutcome={setView}
          />
        )}
      />
    </Page>
  );
};
