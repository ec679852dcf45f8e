import { useState } from 'preact/hooks';
import type { Identity } from '../../../../shared/domain/identity';
import type { ApiClient } from '../../api/client';
import type { Locale } from '../../i18n/locale';
import { CheckboxField, TextField } from '../../ui/fields';
import { reasonOf } from '../api';
import { municipalityName } from '../format';
import type { ConsoleMessages } from '../messages';
import { MUNICIPALITY_NAMES, nisOfTyped } from '../municipality-choice';

const TASKS = ['logistics', 'operational', 'medical'] as const;

/**
 * Launching a request in under a minute: a requester for their own municipality, or the coordinator entering a
 * request taken by phone while the caller talks. Retrying the same form never launches it twice (Idempotency-Key).
 */
export const NewRequestPage = ({
  client,
  identity,
  m,
  locale,
  onLaunched,
}: {
  client: ApiClient;
  identity: Identity;
  m: ConsoleMessages;
  locale: Locale;
  onLaunched: (id: string) => void;
}) => {
  const byPhone = identity.roles.includes('coordinator');
  const [municipality, setMunicipality] = useState(
    identity.municipality ? municipalityName(identity.municipality, locale) : '',
  );
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [needs, setNeeds] = useState<Record<(typeof TASKS)[number], string>>({
    logistics: '',
    operational: '',
    medical: '',
  });
  const [adultsOnly, setAdultsOnly] = useState(false);
  const [postcode, setPostcode] = useState('');
  const [place, setPlace] = useState('');
  const [spontaneous, setSpontaneous] = useState(false);
  const [everyone, setEveryone] = useState(false);
  const [refused, setRefused] = useState<string>();
  const [key] = useState(() => crypto.randomUUID());

  const launch = async (event: Event) => {
    event.preventDefault();
    const nis = identity.municipality ?? nisOfTyped(municipality);
    if (!nis) return setRefused(m.unknownMunicipality);
    const { data, error, response } = await client.POST('/help-requests', {
      headers: { 'idempotency-key': key },
      body: {
        municipality: nis,
        title: title.trim(),
        ...(description.trim() ? { description: description.trim() } : {}),
        channel: byPhone ? 'phone' : 'api',
        needs: TASKS.filter((task) => Number(needs[task]) > 0).map((task) => ({
          task,
          volunteers: Number(needs[task]),
          adultsOnly,
        })),
        location: { postcode: postcode.trim(), ...(place.trim() ? { description: place.trim() } : {}) },
        allowWidening: true,
        spontaneousCallAllowed: spontaneous,
        urgency: everyone ? 'immediate' : 'normal',
      },
    });
    const launched = data as { id?: string } | undefined;
    if (launched?.id) return onLaunched(launched.id);
    setRefused(m.refused(reasonOf(error, response)));
  };

  return (
    <form class="new-request" onSubmit={launch}>
      <h1>{byPhone ? m.newRequestByPhone : m.newRequest}</h1>
      {refused && (
        <p role="alert" class="banner">
          {refused}
        </p>
      )}
      {identity.municipality ? (
        <p>
          {m.municipality}: <strong>{municipality}</strong>
        </p>
      ) : (
        <TextField
          id="municipality"
          label={m.municipality}
          hint={m.municipalityHint}
          errorLabel={m.error}
          value={municipality}
          onValue={setMunicipality}
          suggestions={MUNICIPALITY_NAMES}
        />
      )}
      <TextField
        id="title"
        label={m.requestTitle}
        hint={m.requestTitleHint}
        errorLabel={m.error}
        value={title}
        onValue={setTitle}
      />
      <div class="field">
        <label for="description">{m.description}</label>
        <textarea
          id="description"
          rows={3}
          value={description}
          onInput={(e) => setDescription(e.currentTarget.value)}
        />
      </div>
      <fieldset class="field">
        <legend>{m.volunteersNeeded}</legend>
        <div class="needs">
          {TASKS.map((task) => (
            <div key={task}>
              <label for={`need-${task}`}>{m.tasks[task]}</label>
              <input
                id={`need-${task}`}
                type="number"
                min={0}
                max={15000}
                inputMode="numeric"
                value={needs[task]}
                onInput={(e) => setNeeds((current) => ({ ...current, [task]: e.currentTarget.value }))}
              />
            </div>
          ))}
        </div>
      </fieldset>
      <CheckboxField
        id="adultsOnly"
        label={m.adultsOnly}
        errorLabel={m.error}
        checked={adultsOnly}
        onChecked={setAdultsOnly}
      />
      <TextField
        id="postcode"
        label={m.postcode}
        errorLabel={m.error}
        value={postcode}
        onValue={setPostcode}
        inputMode="tel"
      />
      <TextField
        id="place"
        label={m.place}
        hint={m.placeHint}
        errorLabel={m.error}
        value={place}
        onValue={setPlace}
      />
      <CheckboxField
        id="everyone"
        label={m.everyoneAtOnce}
        hint={m.everyoneAtOnceHint}
        errorLabel={m.error}
        checked={everyone}
        onChecked={setEveryone}
      />
      <CheckboxField
        id="spontaneous"
        label={m.spontaneousAllowed}
        errorLabel={m.error}
        checked={spontaneous}
        onChecked={setSpontaneous}
      />
      <button type="submit" class="button">
        {m.launch}
      </button>
    </form>
  );
};
