import Papa from 'papaparse';
import { RuleViolation } from '../../../shared/domain/errors';
import { assertMayJoin } from '../../../shared/domain/volunteer';
import { type RegisterVolunteerBody, registerVolunteerBodySchema } from '../../../shared/schemas/volunteer';
import { type Column, columnOf, isoDateOf } from './roster-csv';

/** Why a row is refused, as a key of the console's messages (the page says it in its own language). */
export type RowProblem =
  | Exclude<Column, 'parentalConsent'>
  | 'parentalConsent'
  | 'minimumAge'
  | 'implausibleBirthDate'
  | 'duplicateInFile'
  | 'alreadyInCorps'
  | 'unknownColumns';

export interface RosterRow {
  /** The line in the file (the header is line 1), as the spreadsheet shows it. */
  line: number;
  name: string;
  body?: RegisterVolunteerBody;
  problems: RowProblem[];
}

const RULE_PROBLEMS: Record<string, RowProblem> = {
  'minimum-age': 'minimumAge',
  'implausible-birth-date': 'implausibleBirthDate',
  'parental-consent-required': 'parentalConsent',
};

/**
 * Every row of a roster file checked by the API's own schema and joining rules, before anything is written: the
 * preview shows each row accepted or refused with its reasons. `knownPhones` (E.164) are the corps' members already.
 */
export const checkRosterFile = (
  text: string,
  today: string,
  knownPhones: ReadonlySet<string>,
): RosterRow[] => {
  const parsed = Papa.parse<Record<string, string>>(text.replace(/^\uFEFF/, ''), {
    header: true,
    skipEmptyLines: 'greedy',
    delimitersToGuess: [';', ',', '\t'],
  });
  const columns = (parsed.meta.fields ?? []).map(columnOf);
  if (!columns.includes('name') || !columns.includes('phone') || !columns.includes('birthDate'))
    return [{ line: 1, name: '', problems: ['unknownColumns'] }];
  const seen = new Set<string>();
  return parsed.data.map((record, index) => {
    const cell = (column: Column) =>
      Object.entries(record)
        .find(([header]) => columnOf(header) === column)?.[1]
        ?.trim() ?? '';
    const consent = cell('parentalConsent');
    const candidate = {
      name: cell('name'),
      birthDate: isoDateOf(cell('birthDate')),
      phone: cell('phone'),
      language: (cell('language') || 'nl').toLowerCase(),
      ...(cell('email') ? { email: cell('email') } : {}),
      ...(cell('homePostcode') ? { homePostcode: cell('homePostcode') } : {}),
      ...(cell('availabilityNotes') ? { availabilityNotes: cell('availabilityNotes') } : {}),
      ...(consent ? { parentalConsent: { recordedOn: isoDateOf(consent) } } : {}),
    };
    const row: RosterRow = { line: index + 2, name: candidate.name, problems: [] };
    const checked = registerVolunteerBodySchema.safeParse(candidate);
    if (!checked.success) {
      row.problems = [
        ...new Set(checked.error.issues.map((issue) => (issue.path[0] as Column | undefined) ?? 'name')),
      ] as RowProblem[];
      return row;
    }
    try {
      assertMayJoin(checked.data.birthDate, today, checked.data.parentalConsent !== undefined);
    } catch (error) {
      if (!(error instanceof RuleViolation)) throw error;
      row.problems.push(RULE_PROBLEMS[error.rule] ?? 'birthDate');
    }
    if (knownPhones.has(checked.data.phone)) row.problems.push('alreadyInCorps');
    else if (seen.has(checked.data.phone)) row.problems.push('duplicateInFile');
    seen.add(checked.data.phone);
    if (!row.problems.length) row.body = checked.data;
    return row;
  });
};
