import { useEffect, useState } from 'preact/hooks';
import type { Identity } from '../../../../shared/domain/identity';
import type { ApiClient } from '../../api/client';
import type { components } from '../../api/schema';
import { LOCALE_OPTIONS, type Locale } from '../../i18n/locale';
import { ConfirmDialog } from '../../ui/confirm-dialog';
import { RadioGroup, TextField } from '../../ui/fields';
import { RowButton } from '../../ui/row-button';
import { reasonOf } from '../api';
import { municipalityName } from '../format';
import type { ConsoleMessages } from '../messages';

type Official = components['schemas']['Official'];
type OfficialRole = Official['role'];

/**
 * Who may act for the municipality, by name and e-mail: invited by e-mail (a coordinator invites the municipal-admin,
 * the admin the requesters), removed with their access. Removing asks first.
 */
export const OfficialsPage = ({
  client,
  nis,
  identity,
  m,
  locale,
}: {
  client: ApiClient;
  nis: string;
  identity: Identity;
  m: ConsoleMessages;
  locale: Locale;
}) => {
  const [officials, setOfficials] = useState<Official[]>();
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const mayInviteAdmins = identity.roles.includes('coordinator');
  const [role, setRole] = useState<OfficialRole>(mayInviteAdmins ? 'municipal-admin' : 'requester');
  const [language, setLanguage] = useState<Locale>(locale);
  const [removing, setRemoving] = useState<Official>();
  const [outcome, setOutcome] = useState<string>();
  const [key, setKey] = useState(() => crypto.randomUUID());

  const load = async () => {
    const { data } = await client.GET('/municipalities/{nis}/officials', { params: { path: { nis } } });
    setOfficials(data?.officials ?? []);
  };
  // Loaded once per municipality; an invitation or a removal loads it again.
  useEffect(() => {
    void load();
  }, [nis]);

  const invite = async (event: Event) => {
    event.preventDefault();
    const { data, error, response } = await client.POST('/municipalities/{nis}/officials', {
      params: { path: { nis } },
      headers: { 'idempotency-key': key },
      body: { email: email.trim(), name: name.trim(), role, locale: language },
    });
    if (!data) return setOutcome(m.refused(reasonOf(error, response)));
    setOutcome(m.invited(data.name, data.email));
    setEmail('');
    setName('');
    setKey(crypto.randomUUID());
    await load();
  };

  const remove = async (official: Official) => {
    setRemoving(undefined);
    const { error, response } = await client.DELETE('/municipalities/{nis}/officials/{id}', {
      params: { path: { nis, id: official.id } },
    });
    setOutcome(response.ok ? m.removed(official.name) : m.refused(reasonOf(error, response)));
    await load();
  };

  return (
    <section aria-labelledby="officials-title">
      <h1 id="officials-title">{m.officialsOf(municipalityName(nis, locale))}</h1>
      <p role="status" class="outcome">
        {outcome}
      </p>
      {!officials ? (
        <p aria-busy="true">{m.loading}</p>
      ) : officials.length === 0 ? (
        <p>{m.noOfficials}</p>
      ) : (
        <table class="officials reflow">
          <caption>{m.officialsCount(officials.length)}</caption>
          <thead>
            <tr>
              <th scope="col">{m.name}</th>
              <th scope="col">{m.email}</th>
              <th scope="col">{m.role}</th>
              <th scope="col">{m.state}</th>
              <th scope="col">
                <span class="visually-hidden">{m.actions}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {officials.map((o) => (
              <tr key={o.id}>
                <th scope="row">{o.name}</th>
                <td data-label={m.email}>{o.email}</td>
                <td data-label={m.role}>{m.roles[o.role]}</td>
                <td data-label={m.state}>{m.officialStatuses[o.status]}</td>
                <td>
                  {o.status !== 'disabled' && (mayInviteAdmins || o.role === 'requester') && (
                    <RowButton action={m.remove} row={o.name} kind="warning" onClick={() => setRemoving(o)} />
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <form class="invite" onSubmit={invite}>
        <h2>{m.invite}</h2>
        <TextField id="official-name" label={m.name} errorLabel={m.error} value={name} onValue={setName} />
        <div class="field">
          <label for="official-email">{m.email}</label>
          <input
            id="official-email"
            type="email"
            autoComplete="off"
            value={email}
            onInput={(e) => setEmail(e.currentTarget.value)}
          />
        </div>
        {mayInviteAdmins && (
          <RadioGroup
            id="official-role"
            legend={m.role}
            options={[
              { value: 'municipal-admin', label: m.roles['municipal-admin'] },
              { value: 'requester', label: m.roles.requester },
            ]}
            value={role}
            onValue={setRole}
          />
        )}
        <RadioGroup
          id="official-language"
          legend={m.invitationLanguage}
          options={LOCALE_OPTIONS}
          value={language}
          onValue={setLanguage}
        />
        <button type="submit" class="button">
          {m.sendInvitation}
        </button>
      </form>
      <ConfirmDialog
        open={removing !== undefined}
        title={m.confirmRemoveTitle(removing?.name ?? '')}
        confirmLabel={m.remove}
        cancelLabel={m.cancel}
        onCancel={() => setRemoving(undefined)}
        onConfirm={() => removing && remove(removing)}
      >
        <p>{m.confirmRemove}</p>
      </ConfirmDialog>
    </section>
  );
};
