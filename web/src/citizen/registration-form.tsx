import { useState } from 'preact/hooks';
import { belgianDate } from '../../../shared/domain/dates';
import type { ApiClient, ApiError } from '../api/client';
import { WafUnavailable } from '../api/waf';
import { LOCALE_OPTIONS, type Locale } from '../i18n/locale';
import { ErrorSummary } from '../ui/error-summary';
import { CheckboxField, RadioGroup, TextField } from '../ui/fields';
import type { CitizenMessages } from './messages';
import {
  checkRegistration,
  type FieldProblem,
  needsParentalConsent,
  problemsInAnswer,
  type RegistrationValues,
  registrationBody,
} from './registration-rules';

/** How a sent registration ended for the page: the next view, or a reason to stay on the form. */
export type Outcome =
  | { kind: 'done'; status: 'alerted' | 'registered'; phone: string }
  | { kind: 'closed' }
  | { kind: 'full' }
  | { kind: 'unknown' };

type Banner = 'tooBusy' | 'offline' | 'failed' | 'unverified';

export const RegistrationForm = ({
  client,
  code,
  locale,
  m,
  onOutcome,
}: {
  client: ApiClient;
  code: string;
  locale: Locale;
  m: CitizenMessages;
  onOutcome: (outcome: Outcome) => void;
}) => {
  const [values, setValues] = useState<RegistrationValues>({
    name: '',
    birthDate: '',
    phone: '',
    language: locale,
    consent: false,
    parentalConsent: false,
  });
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const [banner, setBanner] = useState<Banner>();
  const [sending, setSending] = useState(false);
  const today = belgianDate(new Date());
  const set =
    <K extends keyof RegistrationValues>(key: K) =>
    (value: RegistrationValues[K]) =>
      setValues((current) => ({ ...current, [key]: value }));
  const errorOf = (field: FieldProblem['field']) => {
    const problem = problems.find((p) => p.field === field);
    return problem && m.errors[problem.problem];
  };

  const send = async (event: Event) => {
    event.preventDefault();
    if (sending) return;
    setBanner(undefined);
    const found = checkRegistration(values, today);
    setProblems(found);
    if (found.length) return;
    setSending(true);
    try {
      const { data, error, response } = await client.POST('/spontaneous/{code}/registrations', {
        params: { path: { code } },
        body: registrationBody(values, today),
      });
      if (data) return onOutcome({ kind: 'done', status: data.status, phone: values.phone.trim() });
      const answer = (error ?? {}) as ApiError;
      if (response.status === 404) return onOutcome({ kind: 'unknown' });
      if (response.status === 409) return onOutcome({ kind: 'closed' });
      if (answer.rule === 'spontaneous-call-full') return onOutcome({ kind: 'full' });
      if (response.status === 429) return setBanner('tooBusy');
      const refused = problemsInAnswer(answer);
      if (refused.length) setProblems(refused);
      else setBanner('failed');
    } catch (error) {
      setBanner(error instanceof WafUnavailable ? 'unverified' : 'offline');
    } finally {
      setSending(false);
    }
  };

  const minor = needsParentalConsent(values.birthDate, today);
  return (
    <form noValidate onSubmit={send}>
      <ErrorSummary
        title={m.errorSummary}
        errors={problems.map((p) => ({ field: p.field, message: m.errors[p.problem] }))}
      />
      {banner && (
        <p class="banner" role="alert">
          {m[banner]}
        </p>
      )}
      <TextField
        id="name"
        label={m.name}
        error={errorOf('name')}
        errorLabel={m.errorPrefix}
        value={values.name}
        onValue={set('name')}
        autoComplete="name"
      />
      <TextField
        id="birthDate"
        type="date"
        label={m.birthDate}
        hint={m.birthDateHint}
        error={errorOf('birthDate')}
        errorLabel={m.errorPrefix}
        value={values.birthDate}
        onValue={set('birthDate')}
        autoComplete="bday"
      />
      <TextField
        id="phone"
        type="tel"
        label={m.phone}
        hint={m.phoneHint}
        error={errorOf('phone')}
        errorLabel={m.errorPrefix}
        value={values.phone}
        onValue={set('phone')}
        autoComplete="tel"
        inputMode="tel"
      />
      <RadioGroup
        id="language"
        legend={m.smsLanguage}
        options={LOCALE_OPTIONS}
        value={values.language}
        onValue={set('language')}
      />
      <section class="consent" aria-labelledby="consent-title">
        <h2 id="consent-title">{m.consentTitle}</h2>
        <p>{m.consentText}</p>
        <details>
          <summary>{m.privacyNotice}</summary>
          {m.privacyText.map((paragraph) => (
            <p key={paragraph}>{paragraph}</p>
          ))}
        </details>
        <CheckboxField
          id="consent"
          label={m.consent}
          error={errorOf('consent')}
          errorLabel={m.errorPrefix}
          checked={values.consent}
          onChecked={set('consent')}
        />
        {minor && (
          <CheckboxField
            id="parentalConsent"
            label={m.parentalConsent}
            hint={m.parentalConsentHint}
            error={errorOf('parentalConsent')}
            errorLabel={m.errorPrefix}
            checked={values.parentalConsent}
            onChecked={set('parentalConsent')}
          />
        )}
      </section>
      <button type="submit" class="button" aria-disabled={sending}>
        {sending ? m.submitting : m.submit}
      </button>
    </form>
  );
};
