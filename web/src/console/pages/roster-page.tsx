import { useEffect, useState } from 'preact/hooks';
import { belgianDate } from '../../../../shared/domain/dates';
import { isMinor as minorOn } from '../../../../shared/domain/volunteer';
import type { ApiClient } from '../../api/client';
import type { components } from '../../api/schema';
import { ConfirmDialog } from '../../ui/confirm-dialog';
import { RowButton } from '../../ui/row-button';
import { reasonOf } from '../api';
import type { ConsoleMessages } from '../messages';
import { navigate, pathOf } from '../router';
import { AddMemberDialog, EditMemberDialog } from './member-dialogs';

type Member = components['schemas']['VolunteerWithTraining'];
type Filter = 'all' | 'trainingDue' | 'paused' | 'optedOut' | 'minors';

const FILTERS: Record<Filter, (member: Member, today: string) => boolean> = {
  all: () => true,
  trainingDue: (v) =>
    !v.training.deployable || v.training.refresherDueThisYear || v.training.simulationDueThisYear,
  paused: (v, today) => v.pausedUntil !== undefined && v.pausedUntil >= today,
  optedOut: (v) => v.status === 'opted-out',
  minors: (v, today) => minorOn(v.birthDate, today),
};

/** The corps as a table: training, funding, paused and opted-out members; export, import, erase. */
export const RosterPage = ({ client, nis, m }: { client: ApiClient; nis: string; m: ConsoleMessages }) => {
  const [members, setMembers] = useState<Member[]>();
  const [filter, setFilter] = useState<Filter>('all');
  const [erasing, setErasing] = useState<Member>();
  const [outcome, setOutcome] = useState<string>();
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState<Member>();
  const edited = (said?: string) => {
    setAdding(false);
    setEditing(undefined);
    if (said) {
      setOutcome(said);
      void load();
    }
  };
  const today = belgianDate(new Date());

  const load = async () => {
    const { data } = await client.GET('/municipalities/{nis}/volunteers', { params: { path: { nis } } });
    setMembers(data?.volunteers ?? []);
  };
  // Loaded once per municipality; an erasure loads it again.
  useEffect(() => {
    void load();
  }, [nis]);

  const erase = async (member: Member) => {
    setErasing(undefined);
    const { error, response } = await client.DELETE('/volunteers/{id}', {
      params: { path: { id: member.id } },
    });
    setOutcome(response.ok ? m.erasedMember(member.name) : m.refused(reasonOf(error, response)));
    await load();
  };

  // The file's format comes with the import's code, fetched only when someone exports.
  const download = async () => {
    const { rosterCsv } = await import('../roster-csv');
    const url = URL.createObjectURL(new Blob([rosterCsv(members ?? [])], { type: 'text/csv;charset=utf-8' }));
    const link = Object.assign(document.createElement('a'), { href: url, download: `korps-${nis}.csv` });
    link.click();
    URL.revokeObjectURL(url);
  };

  if (!members) return <p aria-busy="true">{m.loading}</p>;
  const shown = members.filter((v) => FILTERS[filter](v, today));
  return (
    <section aria-labelledby="roster-title">
      <h1 id="roster-title">{m.roster(members.length)}</h1>
      <div class="actions">
        <button type="button" class="button" onClick={() => setAdding(true)}>
          {m.addMember}
        </button>
        <button type="button" class="button button--secondary" onClick={() => navigate(pathOf.import(nis))}>
          {m.importCsv}
        </button>
        <button type="button" class="button button--secondary" onClick={download}>
          {m.exportCsv}
        </button>
      </div>
      <p role="status">{outcome}</p>
      <div class="field">
        <label for="filter">{m.show}</label>
        <select id="filter" value={filter} onChange={(e) => setFilter(e.currentTarget.value as Filter)}>
          {(Object.keys(FILTERS) as Filter[]).map((f) => (
            <option key={f} value={f}>
              {m.filters[f]}
            </option>
          ))}
        </select>
      </div>
      <table class="roster reflow">
        <caption>{m.shownOf(shown.length, members.length)}</caption>
        <thead>
          <tr>
            <th scope="col">{m.name}</th>
            <th scope="col">{m.training}</th>
            <th scope="col">{m.funding}</th>
            <th scope="col">{m.availability}</th>
            <th scope="col">
              <span class="visually-hidden">{m.actions}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {shown.map((v) => (
            <tr key={v.id}>
              <th scope="row">
                {v.name}
                {minorOn(v.birthDate, today) && ` · ${m.minor}`}
              </th>
              <td data-label={m.training}>{v.training.deployable ? m.deployable : m.notDeployable}</td>
              <td data-label={m.funding}>{m.fundingSources[v.fundingSource]}</td>
              <td data-label={m.availability}>
                {v.status === 'opted-out'
                  ? m.optedOut
                  : v.pausedUntil && v.pausedUntil >= today
                    ? m.pausedUntil(v.pausedUntil)
                    : m.available}
              </td>
              <td class="row-actions">
                <RowButton action={m.edit} row={v.name} kind="secondary" onClick={() => setEditing(v)} />
                <RowButton action={m.erase} row={v.name} kind="warning" onClick={() => setErasing(v)} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <AddMemberDialog client={client} nis={nis} m={m} open={adding} onDone={edited} />
      <EditMemberDialog client={client} member={editing} m={m} onDone={edited} />
      <ConfirmDialog
        open={erasing !== undefined}
        title={m.confirmEraseTitle(erasing?.name ?? '')}
        confirmLabel={m.erase}
        cancelLabel={m.cancel}
        onCancel={() => setErasing(undefined)}
        onConfirm={() => erasing && erase(erasing)}
      >
        <p>{m.confirmErase}</p>
      </ConfirmDialog>
    </section>
  );
};
