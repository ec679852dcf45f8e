import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { checkRosterFile } from '../../../web/src/console/roster-check';
import { isoDateOf, rosterCsv } from '../../../web/src/console/roster-csv';

const TODAY = '2026-12-01';
const HEADER = 'naam;geboortedatum;gsm;e-mail;taal;postcode;opmerkingen;toestemming ouders';

describe('a roster file from Belgian Excel', () => {
  it('reads dd/mm/yyyy dates, a BOM, `;` and CRLF, and checks each row with the API’s schema and joining rules', () => {
    const file = `\uFEFF${HEADER}\r\nAn Peeters;17/09/1983;0470 12 34 56;an@example.be;nl;9000;weekends;\r\nBart Jong;01/06/2010;0470 12 34 57;;fr;;;\r\nCas Jong;01/06/2010;0470 12 34 58;;nl;;;02/11/2026\r\nDries Dubbel;01/01/1990;0470 12 34 56;;nl;;;\r\nEls Vast;;0470 12 34 59;;de;;;\r\n`;

    const rows = checkRosterFile(file, TODAY, new Set());

    expect(rows.map(({ line, name, problems }) => ({ line, name, problems }))).toEqual([
      { line: 2, name: 'An Peeters', problems: [] },
      { line: 3, name: 'Bart Jong', problems: ['parentalConsent'] },
      { line: 4, name: 'Cas Jong', problems: [] },
      { line: 5, name: 'Dries Dubbel', problems: ['duplicateInFile'] },
      { line: 6, name: 'Els Vast', problems: ['birthDate', 'language'] },
    ]);
    expect(rows[0]!.body).toEqual({
      name: 'An Peeters',
      birthDate: '1983-09-17',
      phone: '+32470123456',
      email: 'an@example.be',
      language: 'nl',
      skills: [],
      homePostcode: '9000',
      availabilityNotes: 'weekends',
    });
    expect(rows[2]!.body?.parentalConsent).toEqual({ recordedOn: '2026-11-02' });
  });

  it('refuses a member already in the corps by phone, and a file without the needed columns', () => {
    expect(
      checkRosterFile(
        `${HEADER}\nAn Peeters;17/09/1983;0470 12 34 56;;nl;;;\n`,
        TODAY,
        new Set(['+32470123456']),
      )[0]!.problems,
    ).toEqual(['alreadyInCorps']);
    expect(checkRosterFile('voornaam,familienaam\nAn,Peeters\n', TODAY, new Set())).toEqual([
      { line: 1, name: '', problems: ['unknownColumns'] },
    ]);
  });

  it('reads dates as Belgians write them', () => {
    expect(isoDateOf('7/3/2001')).toBe('2001-03-07');
    expect(isoDateOf('07-03-2001')).toBe('2001-03-07');
    expect(isoDateOf('2001-03-07')).toBe('2001-03-07');
  });

  it('exports what it imports: BOM, `;`, dd/mm/yyyy, and a formula never runs in Excel', () => {
    const csv = rosterCsv([
      {
        name: '=HYPERLINK("x")',
        birthDate: '1983-09-17',
        phone: '+32470123456',
        language: 'nl',
        parentalConsent: { recordedOn: '2026-11-02' },
      },
    ]);

    expect(csv.startsWith(`\uFEFF${HEADER}\r\n`)).toBe(true);
    const [row] = Papa.parse<string[]>(csv.slice(1), { delimiter: ';', skipEmptyLines: true }).data.slice(1);
    expect(row).toEqual(['\'=HYPERLINK("x")', '17/09/1983', '+32470123456', '', 'nl', '', '', '02/11/2026']);
    expect(
      checkRosterFile(
        rosterCsv([{ name: 'An', birthDate: '1983-09-17', phone: '+32470123456', language: 'fr' }]),
        TODAY,
        new Set(),
      )[0]!.body,
    ).toMatchObject({ birthDate: '1983-09-17', phone: '+32470123456', language: 'fr' });
  });
});
