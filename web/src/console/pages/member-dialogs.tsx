import { useState } from 'preact/hooks';
import { belgianDate } from '../../../../shared/domain/dates';
import { isMinor } from '../../../../shared/domain/volunteer';
import type { ApiClient } from '../../api/client';
import type { components } from '../../api/schema';
import { LOCALE_OPTIONS, type Locale } from '../../i18n/locale';
import { ConfirmDialog } from '../../ui/confirm-dialog';
import { RadioGroup, TextField } from '../../ui/fields';
import { reasonOf } from '../api';
import type { ConsoleMessages } from '../messages';

type Member = components['schemas']['VolunteerWithTraining'];

/** A new member by hand: what the API needs, a parent's consent date for 16 and 17. */
export const AddMemberDialog = ({
  client,
  nis,
  m,
  open,
  onDone,
}: {
  client: ApiClient;
  nis: string;
  m: ConsoleMessages;
  open: boolean;
  onDone: (outcome?: string) => void;
}) => {
  const [name, setName] = useState('');
  const [birthDate, setBirthDate] = useState('');
  const [phone, setPhone] = useState('');
  const [language, setLanguage] = useState<Locale>('nl');
  const [consentOn, setConsentOn] = useState('');
  const [refused, setRefused] = useState<string>();
  const minor = /^\d{4}-\d{2}-\d{2}$/.test(birthDate) && isMinor(birthDate, belgianDate(new Date()));

  const add = async () => {
    const { data, error, response } = await client.POST('/municipalities/{nis}/volunteers', {
      params: { path: { nis } },
      body: {
        name: name.trim(),
        birthDate,
        phone: phone.trim(),
        language,
        skills: [],
        ...(minor && consentOn ? { parentalConsent: { recordedOn: consentOn } } : {}),
      },
    });
    if (!data) return setRefused(m.refused(reasonOf(error, response)));
    setRefused(undefined);
    setName('');
    setBirthDate('');
    setPhone('');
    onDone(m.memberAdded(data.name));
  };

  return (
    <ConfirmDialog
      open={open}
      title={m.addMember}
      confirmLabel={m.addMember}
      cancelLabel={m.cancel}
      onCancel={() => onDone()}
      onConfirm={add}
    >
      {refused && (
        <p role="alert" class="banner">
          {refused}
        </p>
      )}
      <TextField id="member-name" label={m.name} errorLabel={m.error} value={name} onValue={setName} />
      <TextField
        id="member-birth-date"
        type="date"
        label={m.birthDate}
        errorLabel={m.error}
        value={birthDate}
        onValue={setBirthDate}
      />
      <TextField
        id="member-phone"
        type="tel"
        label={m.phone}
        errorLabel={m.error}
        value={phone}
        onValue={setPhone}
      />
      <RadioGroup
        id="member-language"
        legend={m.smsLanguage}
        options={LOCALE_OPTIONS}
        value={language}
        onValue={setLanguage}
      />
      {minor && (
        <TextField
          id="member-consent"
          type="date"
          label={m.parentalConsentOn}
          errorLabel={m.error}
          value={consentOn}
          onValue={setConsentOn}
        />
      )}
    </ConfirmDialog>
  );
};

/** A member's availability: paused until a date, opted out (as STOP), the SMS language and a note. */
export const EditMemberDialog = ({
  client,
  member,
  m,
  onDone,
}: {
  client: ApiClient;
  member: Member | undefined;
  m: ConsoleMessages;
  onDone: (outcome?: string) => void;
}) => {
  const [pausedUntil, setPausedUntil] = useState('');
  const [optedOut, setOptedOut] = useState<'active' | 'opted-out'>('active');
  const [language, setLanguage] = useState<Locale>('nl');
  const [editing, setEditing] = useState<string>();
  const [refused, setRefused] = useState<string>();
  if (member && editing !== member.id) {
    setEditing(member.id);
    setPausedUntil(member.pausedUntil ?? '');
    setOptedOut(member.status);
    setLanguage(member.language);
    setRefused(undefined);
  }

  const save = async () => {
    if (!member) return;
    const { data, error, response } = await client.PATCH('/volunteers/{id}', {
      params: { path: { id: member.id } },
      body: { pausedUntil: pausedUntil || null, status: optedOut, language },
    });
    if (!data) return setRefused(m.refused(reasonOf(error, response)));
    setEditing(undefined);
    onDone(m.memberSaved(data.name));
  };

  return (
    <ConfirmDialog
      open={member !== undefined}
      title={m.editMember(member?.name ?? '')}
      confirmLabel={m.save}
      cancelLabel={m.cancel}
      onCancel={() => {
        setEditing(undefined);
        onDone();
      }}
      onConfirm={save}
    >
      {refused && (
        <p role="alert" class="banner">
          {refused}
        </p>
      )}
      <TextField
        id="member-paused"
        type="date"
        label={m.pauseUntil}
        hint={m.pauseHint}
        errorLabel={m.error}
        value={pausedUntil}
        onValue={setPausedUntil}
      />
      <RadioGroup
        id="member-status"
        legend={m.smsStatus}
        options={[
          { value: 'active', label: m.available },
          { value: 'opted-out', label: m.optedOut },
        ]}
        value={optedOut}
        onValue={setOptedOut}
      />
      <RadioGroup
        id="member-language"
        legend={m.smsLanguage}
        options={LOCALE_OPTIONS}
        value={language}
        onValue={setLanguage}
      />
    </ConfirmDialog>
  );
};
