import { useState } from 'preact/hooks';
import type { Role } from '../../../../shared/domain/identity';
import type { ConsoleMessages } from '../messages';
import { OFFICIAL_MUNICIPALITIES } from '../municipality-choice';

/** The roles a person signs in with on the console (volunteers and ops have no pages). */
const CONSOLE_ROLES = [
  'coordinator',
  'crisis-centre',
  'municipal-admin',
  'requester',
] as const satisfies Role[];
const MUNICIPAL: readonly Role[] = ['municipal-admin', 'requester'];

/**
 * The local runtime's sign-in: pick a role (and a municipality for the municipal roles) and `/_local/token` signs a
 * token as Cognito would. Marked as local on the page: in AWS people sign in through Cognito's managed login.
 */
export const LocalSignIn = ({ m, onToken }: { m: ConsoleMessages; onToken: (token: string) => void }) => {
  const [role, setRole] = useState<(typeof CONSOLE_ROLES)[number]>('coordinator');
  const [municipality, setMunicipality] = useState('44021');
  const [name, setName] = useState('');
  const [refused, setRefused] = useState<string>();
  const municipal = MUNICIPAL.includes(role);

  const signIn = async (event: Event) => {
    event.preventDefault();
    const sub = name.trim() || `local-${role}${municipal ? `-${municipality}` : ''}`;
    // A local-only route, outside the API's contract: the one fetch the typed client does not cover.
    const response = await fetch('/_local/token', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ roles: [role], sub, ...(municipal ? { municipality } : {}) }),
    });
    if (!response.ok) return setRefused(m.signInRefused(String(response.status)));
    onToken(((await response.json()) as { token: string }).token);
  };

  return (
    <form class="sign-in" onSubmit={signIn}>
      <p class="banner local-banner">{m.localOnly}</p>
      <h1>{m.signInTitle}</h1>
      <fieldset class="field">
        <legend>{m.role}</legend>
        {CONSOLE_ROLES.map((r) => (
          <div class="radio" key={r}>
            <input
              id={`role-${r}`}
              type="radio"
              name="role"
              value={r}
              checked={role === r}
              onChange={() => setRole(r)}
            />
            <label for={`role-${r}`}>{m.roles[r]}</label>
          </div>
        ))}
      </fieldset>
      {municipal && (
        <div class="field">
          <label for="municipality">{m.municipality}</label>
          <select
            id="municipality"
            value={municipality}
            onChange={(e) => setMunicipality(e.currentTarget.value)}
          >
            {OFFICIAL_MUNICIPALITIES.map((o) => (
              <option key={o.nis} value={o.nis}>
                {o.name}
              </option>
            ))}
          </select>
        </div>
      )}
      <div class="field">
        <label for="sub">{m.localUser}</label>
        <p class="hint" id="sub-hint">
          {m.localUserHint}
        </p>
        <input
          id="sub"
          type="text"
          value={name}
          aria-describedby="sub-hint"
          onInput={(e) => setName(e.currentTarget.value)}
        />
      </div>
      {refused && (
        <p role="alert" class="banner">
          {refused}
        </p>
      )}
      <button type="submit" class="button">
        {m.signIn}
      </button>
    </form>
  );
};
