import { useState } from 'preact/hooks';
import { type ActivationScope, restsOnDeclaredPhase } from '../../../../shared/domain/activation';
import type { ApiClient } from '../../api/client';
import type { Locale } from '../../i18n/locale';
import { ConfirmDialog } from '../../ui/confirm-dialog';
import { ErrorSummary } from '../../ui/error-summary';
import { RadioGroup, TextField } from '../../ui/fields';
import { RowButton } from '../../ui/row-button';
import {
  type ActivationField,
  type ActivationProblem,
  activationBody,
  activationProblems,
  corpsAdded,
  provinceOf,
} from '../activation';
import { reasonOf } from '../api';
import { municipalityName } from '../format';
import type { HelpRequestView } from '../live';
import type { ConsoleMessages } from '../messages';
import { MUNICIPALITY_NAMES, nisOfTyped } from '../municipality-choice';

const FIELD_IDS: Record<ActivationField, string> = {
  municipalities: 'activation-municipality',
  phaseReference: 'activation-phase',
};

/**
 * Widening a request by hand: the scopes the role may use, named municipalities picked by name, the declared phase
 * where a province or Flanders needs one, and what it will do before anyone is texted. The API judges; its refusal
 * shows on the field it is about. `onDone` gets the result to announce, or nothing when cancelled.
 */
export const ActivationDialog = ({
  client,
  view,
  scopes,
  m,
  locale,
  open,
  onDone,
}: {
  client: ApiClient;
  view: HelpRequestView;
  scopes: readonly ActivationScope[];
  m: ConsoleMessages;
  locale: Locale;
  open: boolean;
  onDone: (outcome?: string) => void;
}) => {
  const a = m.activation;
  const [scope, setScope] = useState<ActivationScope>(scopes[0]!);
  const [typed, setTyped] = useState('');
  const [chosen, setChosen] = useState<string[]>([]);
  const [phase, setPhase] = useState('');
  const [problems, setProblems] = useState<Partial<Record<ActivationField, ActivationProblem>>>({});
  const [refused, setRefused] = useState<string>();
  const [busy, setBusy] = useState(false);
  const province = provinceOf(view.municipality) ?? '';
  const added = corpsAdded(scope, view, chosen);
  const problemText = (field: ActivationField) => {
    const problem = problems[field];
    return problem && a.problems[problem];
  };

  const choose = (nis: string | undefined) => {
    const { municipalities: _, ...others } = problems;
    if (!nis) return setProblems({ ...others, municipalities: 'unknownMunicipality' });
    setChosen((current) => (current.includes(nis) ? current : [...current, nis]));
    setTyped('');
    setProblems(others);
  };

  const activate = async () => {
    setBusy(true);
    // The API answers once the activation is recorded; its corps are mobilised after, shown under the request.
    const { data, error, response } = await client
      .POST('/help-requests/{id}/activations', {
        params: { path: { id: view.id } },
        body: activationBody(scope, chosen, phase),
      })
      .finally(() => setBusy(false));
    if (data) {
      setChosen([]);
      setPhase('');
      setProblems({});
      setRefused(undefined);
      return onDone(a.started(data.added.length));
    }
    const onFields = activationProblems(error);
    setProblems(onFields);
    setRefused(Object.keys(onFields).length ? undefined : m.refused(reasonOf(error, response)));
  };

  return (
    <ConfirmDialog
      open={open}
      title={a.title}
      confirmLabel={busy ? a.busy : a.confirm}
      cancelLabel={m.cancel}
      busy={busy}
      onConfirm={activate}
      onCancel={() => onDone()}
    >
      <ErrorSummary
        title={m.problem}
        errors={(Object.keys(FIELD_IDS) as ActivationField[]).flatMap((field) => {
          const message = problemText(field);
          return message ? [{ field: FIELD_IDS[field], message }] : [];
        })}
      />
      {refused && (
        <p role="alert" class="banner">
          {refused}
        </p>
      )}
      <RadioGroup
        id="activation-scope"
        legend={a.scope}
        options={scopes.map((s) => ({
          value: s,
          label:
            s === 'province' ? (a.wholeProvince[province] ?? province) : s === 'flanders' ? a.flanders : a[s],
        }))}
        value={scope}
        onValue={(s) => {
          setScope(s);
          setProblems({});
          setRefused(undefined);
        }}
      />
      {scope === 'municipalities' && (
        <>
          <TextField
            id={FIELD_IDS.municipalities}
            label={a.municipality}
            hint={m.municipalityHint}
            error={problemText('municipalities')}
            errorLabel={m.error}
            value={typed}
            onValue={setTyped}
            suggestions={MUNICIPALITY_NAMES}
          />
          <button type="button" class="button button--secondary" onClick={() => choose(nisOfTyped(typed))}>
            {a.add}
          </button>
          {chosen.length > 0 && (
            <ul class="chosen" aria-label={a.chosen}>
              {chosen.map((nis) => (
                <li key={nis}>
                  {municipalityName(nis, locale)}{' '}
                  <RowButton
                    action={a.remove}
                    row={municipalityName(nis, locale)}
                    kind="secondary"
                    onClick={() => setChosen((current) => current.filter((c) => c !== nis))}
                  />
                </li>
              ))}
            </ul>
          )}
        </>
      )}
      {restsOnDeclaredPhase(scope) && (
        <TextField
          id={FIELD_IDS.phaseReference}
          label={a.phase}
          hint={a.phaseHint}
          error={problemText('phaseReference')}
          errorLabel={m.error}
          value={phase}
          onValue={setPhase}
        />
      )}
      {(scope !== 'municipalities' || chosen.length > 0) && (
        <p class="note">{added ? a.reaches(added.length) : a.reachesNeighbours}</p>
      )}
    </ConfirmDialog>
  );
};
