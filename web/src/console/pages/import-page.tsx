import { useEffect, useState } from 'preact/hooks';
import { belgianDate } from '../../../../shared/domain/dates';
import type { ApiClient } from '../../api/client';
import { ConfirmDialog } from '../../ui/confirm-dialog';
import { reasonOf } from '../api';
import type { ConsoleMessages } from '../messages';
import { checkRosterFile, type RosterRow } from '../roster-check';
import { navigate, pathOf } from '../router';

/**
 * Importing the spreadsheet a municipality already has: every row is checked and shown accepted or refused with its
 * reasons; nothing is written until the admin confirms, and then only the accepted rows, one member at a time.
 */
export const ImportPage = ({ client, nis, m }: { client: ApiClient; nis: string; m: ConsoleMessages }) => {
  const [known, setKnown] = useState<Set<string>>();
  const [rows, setRows] = useState<RosterRow[]>();
  const [confirming, setConfirming] = useState(false);
  const [written, setWritten] = useState<Record<number, string>>({});
  const [progress, setProgress] = useState<string>();

  useEffect(() => {
    void client
      .GET('/municipalities/{nis}/volunteers', { params: { path: { nis } } })
      .then(({ data }) => setKnown(new Set((data?.volunteers ?? []).map((v) => v.phone))));
  }, [client, nis]);

  const read = async (file: File | undefined) => {
    setWritten({});
    setProgress(undefined);
    setRows(file && known ? checkRosterFile(await file.text(), belgianDate(new Date()), known) : undefined);
  };

  const accepted = (rows ?? []).filter((r) => r.body);
  const refused = (rows ?? []).filter((r) => !r.body);

  const write = async () => {
    setConfirming(false);
    let added = 0;
    for (const row of accepted) {
      const { error, response } = await client.POST('/municipalities/{nis}/volunteers', {
        params: { path: { nis } },
        body: row.body!,
      });
      if (response.ok) added += 1;
      setWritten((current) => ({
        ...current,
        [row.line]: response.ok ? m.added : m.refused(reasonOf(error, response)),
      }));
      setProgress(m.importProgress(added, accepted.length));
    }
    setProgress(m.importDone(added, accepted.length));
  };

  return (
    <section aria-labelledby="import-title">
      <h1 id="import-title">{m.importTitle}</h1>
      <p>{m.importHelp}</p>
      <div class="field">
        <label for="roster-file">{m.chooseFile}</label>
        <input
          id="roster-file"
          type="file"
          accept=".csv,text/csv"
          disabled={!known}
          onChange={(e) => read(e.currentTarget.files?.[0])}
        />
      </div>
      {rows && (
        <>
          <p role="status" class="summary">
            {m.checkedRows(accepted.length, refused.length)}
          </p>
          <table class="import-report">
            <caption>{m.importReport}</caption>
            <thead>
              <tr>
                <th scope="col">{m.line}</th>
                <th scope="col">{m.name}</th>
                <th scope="col">{m.result}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.line} data-refused={row.body ? undefined : 'true'}>
                  <td>{row.line}</td>
                  <th scope="row">{row.name}</th>
                  <td>
                    {written[row.line] ??
                      (row.body ? m.accepted_ : row.problems.map((p) => m.rowProblems[p]).join(' · '))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {accepted.length > 0 && !progress && (
            <button type="button" class="button" onClick={() => setConfirming(true)}>
              {m.addMembers(accepted.length)}
            </button>
          )}
          <p role="status">{progress}</p>
          {progress && (
            <button
              type="button"
              class="button button--secondary"
              onClick={() => navigate(pathOf.roster(nis))}
            >
              {m.backToRoster}
            </button>
          )}
        </>
      )}
      <ConfirmDialog
        open={confirming}
        title={m.addMembers(accepted.length)}
        confirmLabel={m.addMembers(accepted.length)}
        cancelLabel={m.cancel}
        onCancel={() => setConfirming(false)}
        onConfirm={write}
      >
        <p>{m.confirmImport(accepted.length, refused.length)}</p>
      </ConfirmDialog>
    </section>
  );
};
