/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoAccessibilityViolations, keepScreenshot, launchChromium } from '../support/browser';
import { startTestRuntime } from '../support/local-runtime';

const GENT = '44021';
const THIS_YEAR = new Date().getUTCFullYear();

/** The spreadsheet as Belgian Excel saves it: UTF-8 with a BOM, `;`, dd/mm/yyyy, CRLF. */
const rosterFile = () => {
  const rows = Array.from({ length: 30 }, (_, i) => {
    const n = i + 1;
    if (n === 7) return `Te Jong Zeven;01/03/${THIS_YEAR - 14};0473 00 00 07;;nl;9000;;`;
    if (n === 19) return 'Geen Gsm Negentien;12/05/1990;02 123 45 67;;fr;9000;;';
    return `Lid ${n} Van Gent;${String((n % 28) + 1).padStart(2, '0')}/04/19${70 + (n % 30)};0473 00 00 ${String(n).padStart(2, '0')};lid${n}@example.be;${n % 3 === 0 ? 'fr' : 'nl'};9000;;`;
  });
  return `\uFEFFnaam;geboortedatum;gsm;e-mail;taal;postcode;opmerkingen;toestemming ouders\r\n${rows.join('\r\n')}\r\n`;
};

describe("the municipal admin's corps: a roster imported from the spreadsheet they already have", () => {
  let t: Awaited<ReturnType<typeof startTestRuntime>>;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    [t, browser] = await Promise.all([startTestRuntime(), launchChromium()]);
    const coordinator = await t.token({ roles: ['coordinator'], sub: 'coordinator-1' });
    await t.call('PUT', `/municipalities/${GENT}`, { token: coordinator, body: {} });
    page = await (
      await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'nl-BE' })
    ).newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.runtime.stop();
  });

  it('checks 30 rows, refuses exactly the 2 bad ones with their reason before writing anything, then adds the 28', async () => {
    // The import's code (the API's schemas, phone rules, the CSV parser) is fetched when the page is opened, never before.
    const scripts: string[] = [];
    page.on('request', (request) => {
      if (request.resourceType() === 'script') scripts.push(new URL(request.url()).pathname);
    });
    const importCode = () => scripts.filter((path) => path.includes('/assets/import-page-'));
    await page.goto(t.runtime.url);
    await page.getByLabel('Beheerder van de gemeente').check();
    await page.getByLabel('Gemeente', { exact: true }).selectOption(GENT);
    await page.getByRole('button', { name: 'Aanmelden' }).click();
    await page.getByRole('link', { name: 'Korps' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Korps (0 leden)');
    expect(importCode()).toEqual([]);
    await page.getByRole('button', { name: 'Importeren uit CSV' }).click();

    // The picker opens once the page knows the corps' phone numbers (to refuse members already in it).
    await expect.poll(() => page.getByLabel('Kies het bestand').isEnabled()).toBe(true);
    expect(importCode()).toHaveLength(1);
    await page.getByLabel('Kies het bestand').setInputFiles({
      name: 'korps-gent.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(rosterFile(), 'utf8'),
    });

    await expect.poll(() => page.locator('.summary').textContent()).toBe('28 rijen aanvaard, 2 geweigerd.');
    const refused = await page
      .locator('tr[data-refused=true]')
      .evaluateAll((rows) => rows.map((row) => [...row.children].map((cell) => cell.textContent)));
    expect(refused).toEqual([
      ['8', 'Te Jong Zeven', 'jonger dan 16'],
      ['20', 'Geen Gsm Negentien', 'geen gsm-nummer'],
    ]);
    // Nothing is written before the admin confirms.
    expect((await t.runtime.ports.volunteers.listByMunicipality(GENT)).length).toBe(0);
    await expectNoAccessibilityViolations(page, 'the import report');
    await keepScreenshot(page, 'roster-import');

    await page.getByRole('button', { name: '28 leden toevoegen' }).click();
    await page.getByRole('dialog').getByRole('button', { name: '28 leden toevoegen' }).click();
    await expect
      .poll(() => page.getByText('Klaar: 28 van 28 leden toegevoegd.').count(), { timeout: 30_000 })
      .toBe(1);
    await page.getByRole('button', { name: 'Terug naar het korps' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Korps (28 leden)');
    await expectNoAccessibilityViolations(page, 'the roster');
  });

  it('edits a member’s availability and invites an official, shown by name and e-mail', async () => {
    await page.getByRole('button', { name: 'Bewerken Lid 1 Van Gent' }).click();
    await page.getByLabel('Niet oproepen tot en met').fill(`${THIS_YEAR + 1}-01-31`);
    await page.getByRole('dialog').getByRole('button', { name: 'Bewaren' }).click();
    await expect
      .poll(() => page.getByRole('status').first().textContent())
      .toBe('Lid 1 Van Gent is bewaard.');
    expect(
      (await t.runtime.ports.volunteers.listByMunicipality(GENT)).find((v) => v.name === 'Lid 1 Van Gent'),
    ).toMatchObject({ pausedUntil: `${THIS_YEAR + 1}-01-31` });

    await page.getByRole('link', { name: 'Medewerkers' }).click();
    await page.getByLabel('Naam', { exact: true }).fill('Sara Aanvrager');
    await page.getByLabel('E-mailadres').fill('sara.aanvrager@gent.be');
    await page.getByRole('button', { name: 'Uitnodiging versturen' }).click();
    await expect
      .poll(() => page.locator('.officials tbody tr').first().textContent())
      .toContain('sara.aanvrager@gent.be');
    expect(await page.locator('.officials tbody tr').first().textContent()).toContain('Sara Aanvrager');
    await expectNoAccessibilityViolations(page, 'the officials');
  });
});
