import Papa from 'papaparse';
import { RuleViolation } from '../../../shared/domain/errors';
import { assertMayJoin } from '../../../shared/domain/volunteer';
import { type RegisterVolunteerBody, registerVolunteerBodySchema } from '../../../shared/schemas/volunteer';

/**
 * The roster as a municipality keeps it in a spreadsheet: Belgian Excel saves CSV with `;`, UTF-8 with a BOM and
 * dates as dd/mm/yyyy. Headers are recognised in Dutch, French or English; the export writes the Dutch ones.
 */
export const ROSTER_COLUMNS = {
  name: ['naam', 'nom', 'name'],
  birthDate: ['geboortedatum', 'date de naissance', 'birth date', 'date of birth'],
  phone: ['gsm', 'gsm-nummer', 'telefoon', 'téléphone', 'gsm/téléphone', 'phone', 'mobile'],
  email: ['e-mail', 'email', 'courriel'],
  language: ['taal', 'langue', 'language'],
  homePostcode: ['postcode', 'code postal'],
  availabilityNotes: ['opmerkingen', 'beschikbaarheid', 'remarques', 'notes'],
  parentalConsent: ['toestemming ouders', 'accord parental', 'parental consent'],
} as const;
type Column = keyof typeof ROSTER_COLUMNS;
const EXPORT_HEADERS: Record<Column, string> = {
  name: 'naam',
  birthDate: 'geboortedatum',
  phone: 'gsm',
  email: 'e-mail',
  language: 'taal',
  homePostcode: 'postcode',
  availabilityNotes: 'opmerkingen',
  parentalConsent: 'toestemming ouders',
};

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

const columnOf = (header: string): Column | undefined => {
  const wanted = header.trim().toLowerCase();
  return (Object.keys(ROSTER_COLUMNS) as Column[]).find((c) =>
    (ROSTER_COLUMNS[c] as readonly string[]).includes(wanted),
  );
};

/** dd/mm/yyyy (or d-m-yyyy, or already ISO) as YYYY-MM-DD; anything else is left for the schema to refuse. */
export const isoDateOf = (text: string): string => {
  const belgian = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text.trim());
  return belgian
    ? `${belgian[3]}-${belgian[2]!.padStart(2, '0')}-${belgian[1]!.padStart(2, '0')}`
    : text.trim();
};

const belgianDateOf = (iso: string | undefined) => (iso ? iso.split('-').reverse().join('/') : '');

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

/** The roster in the same format, for Excel: BOM, `;`, dd/mm/yyyy, the Dutch headers. */
export const rosterCsv = (
  members: readonly {
    name: string;
    birthDate: string;
    phone: string;
    email?: string | undefined;
    language: string;
    homePostcode?: string | undefined;
    availabilityNotes?: string | undefined;
    parentalConsent?: { recordedOn: string } | undefined;
  }[],
): string =>
  `\uFEFF${Papa.unparse(
    {
      fields: Object.values(EXPORT_HEADERS),
      data: members.map((v) => [
        v.name,
        belgianDateOf(v.birthDate),
        v.phone,
        v.email ?? '',
        v.language,
        v.homePostcode ?? '',
        v.availabilityNotes ?? '',
        belgianDateOf(v.parentalConsent?.recordedOn),
      ]),
    },
    // Cells that Excel would run as a formula are quoted; a phone's leading + is not one of them.
    { delimiter: ';', newline: '\r\n', escapeFormulae: /^[=@\t\r]/ },
  )}\r\n`;
