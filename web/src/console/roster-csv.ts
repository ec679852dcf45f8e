import Papa from 'papaparse';

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
export type Column = keyof typeof ROSTER_COLUMNS;
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

/** The column a header names, in any of the three languages. */
export const columnOf = (header: string): Column | undefined => {
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
