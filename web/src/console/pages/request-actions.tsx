import { useState } from 'preact/hooks';
import { gsm7Length, toGsm7 } from '../../../../shared/domain/gsm7';
import type { Identity } from '../../../../shared/domain/identity';
import { updateRoom } from '../../../../shared/domain/sms-templates';
import type { ApiClient } from '../../api/client';
import type { Locale } from '../../i18n/locale';
import { ConfirmDialog } from '../../ui/confirm-dialog';
import { activationScopesOf } from '../activation';
import { reasonOf } from '../api';
import type { HelpRequestView } from '../live';
import type { ConsoleMessages } from '../messages';
import { ActivationDialog } from './activation-dialog';

type Pending = 'close' | 'update' | 'activate' | undefined;

/**
 * The coordinator's acts on one request, and the crisis centre's activations. Each act that texts many people asks
 * first and says how many; the answer (or the API's reason for refusing) is announced next to the buttons.
 */
export const RequestActions = ({
  client,
  view,
  identity,
  m,
  locale,
  onChanged,
}: {
  client: ApiClient;
  view: HelpRequestView;
  identity: Identity;
  m: ConsoleMessages;
  locale: Locale;
  onChanged: () => void;
}) => {
  const [pending, setPending] = useState<Pending>();
  const [outcome, setOutcome] = useState<string>();
  const [update, setUpdate] = useState('');
  const [call, setCall] = useState<{ link: string; qr: string }>();
  const path = { params: { path: { id: view.id } } };
  const closed = view.status === 'closed';
  const coordinator = identity.roles.includes('coordinator');
  const scopes = activationScopesOf(identity);
  const room = updateRoom(view.municipalityName);
  const used = gsm7Length(toGsm7(update.trim())) ?? room + 1;
  const answered = view.counts.accepted + (view.counts.reserve ?? 0);

  const act = async (run: () => Promise<{ error?: unknown; response: Response }>, done: string) => {
    setPending(undefined);
    const { error, response } = await run();
    setOutcome(response.ok ? done : m.refused(reasonOf(error, response)));
    onChanged();
  };

  const openCall = async () => {
    const { data, error, response } = await client.POST('/help-requests/{id}/spontaneous-call', path);
    if (!data) return setOutcome(m.refused(reasonOf(error, response)));
    // The QR code generator is fetched only by a coordinator who opens a call.
    const { default: QRCode } = await import('qrcode');
    setCall({
      link: data.registrationUrl,
      qr: await QRCode.toDataURL(data.registrationUrl, { margin: 2, scale: 6 }),
    });
    setOutcome(m.callOpened);
    onChanged();
  };

  return (
    <section aria-labelledby="actions-title" class="panel">
      <h2 id="actions-title">{m.actions}</h2>
      <div class="actions">
        {coordinator && !view.acknowledgedAt && !closed && (
          <button
            type="button"
            class="button"
            onClick={() => act(() => client.POST('/help-requests/{id}/acknowledge', path), m.acknowledged)}
          >
            {m.acknowledge}
          </button>
        )}
        {!closed && scopes.length > 0 && (
          <button type="button" class="button button--secondary" onClick={() => setPending('activate')}>
            {m.activation.open}
          </button>
        )}
        {coordinator && !closed && view.spontaneousCallAllowed && (
          <button type="button" class="button button--secondary" onClick={openCall}>
            {view.spontaneousCall ? m.showCall : m.openCall}
          </button>
        )}
        {coordinator && !closed && (
          <button type="button" class="button button--warning" onClick={() => setPending('close')}>
            {m.close}
          </button>
        )}
      </div>
      <p role="status" class="outcome">
        {outcome}
      </p>
      {call && (
        <figure class="call">
          <img src={call.qr} alt={m.qrAlt} width={240} height={240} />
          <figcaption>
            {m.callLink}{' '}
            <a href={call.link} target="_blank" rel="noreferrer">
              {call.link}
            </a>
          </figcaption>
        </figure>
      )}
      {coordinator && !closed && (
        <form
          class="update"
          onSubmit={(event) => {
            event.preventDefault();
            if (update.trim()) setPending('update');
          }}
        >
          <label for="update">{m.updateLabel}</label>
          <p class="hint" id="update-hint">
            {m.updateHint}
          </p>
          <textarea
            id="update"
            rows={3}
            value={update}
            aria-describedby="update-hint update-room"
            onInput={(event) => setUpdate(event.currentTarget.value)}
          />
          <p id="update-room" class={used > room ? 'field-error' : 'hint'} aria-live="polite">
            {m.charactersLeft(room - used)}
          </p>
          <button type="submit" class="button button--secondary">
            {m.sendUpdate}
          </button>
        </form>
      )}
      <ConfirmDialog
        open={pending === 'close'}
        title={m.confirmCloseTitle}
        confirmLabel={m.close}
        cancelLabel={m.cancel}
        onCancel={() => setPending(undefined)}
        onConfirm={() => act(() => client.POST('/help-requests/{id}/close', path), m.closedOutcome(answered))}
      >
        <p>{m.confirmClose(answered)}</p>
      </ConfirmDialog>
      <ConfirmDialog
        open={pending === 'update'}
        title={m.confirmUpdateTitle}
        confirmLabel={m.sendUpdate}
        cancelLabel={m.cancel}
        onCancel={() => setPending(undefined)}
        onConfirm={() =>
          act(async () => {
            const answer = await client.POST('/help-requests/{id}/updates', {
              ...path,
              body: { message: update.trim() },
            });
            if (answer.response.ok) setUpdate('');
            return answer;
          }, m.updateSent)
        }
      >
        <p>{m.confirmUpdate(answered)}</p>
        <blockquote>{update.trim()}</blockquote>
      </ConfirmDialog>
      {!closed && scopes.length > 0 && (
        <ActivationDialog
          client={client}
          view={view}
          scopes={scopes}
          m={m}
          locale={locale}
          open={pending === 'activate'}
          onDone={(said) => {
            setPending(undefined);
            if (!said) return;
            setOutcome(said);
            onChanged();
          }}
        />
      )}
    </section>
  );
};
