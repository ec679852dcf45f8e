/// <reference lib="dom" />
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aVolunteer } from '../builders/volunteer';
import { expectNoAccessibilityViolations, keepScreenshot, launchChromium } from '../support/browser';
import { eventually, startTestRuntime } from '../support/local-runtime';

const GENT = '44021';
const PHONES = ['+32472000101', '+32472000102', '+32472000103'];
/** The third member's phone is switched off: the alert never arrives, and the coordinator has to call. */
const SWITCHED_OFF = PHONES[2]!;

describe("the coordinator's console: a request taken by phone, followed live, closed", () => {
  let t: Awaited<ReturnType<typeof startTestRuntime>>;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    [t, browser] = await Promise.all([
      startTestRuntime({
        timing: { ackTimeoutSeconds: 600, responseWindowSeconds: 600, aftercareWindowSeconds: 1 },
      }),
      launchChromium(),
    ]);
    const coordinator = await t.token({ roles: ['coordinator'], sub: 'coordinator-1' });
    await t.call('PUT', '/duty-roster', {
      token: coordinator,
      body: { onDuty: { name: 'Nachtdienst', phone: '+32475000999' }, backups: [] },
    });
    await t.call('PUT', `/municipalities/${GENT}`, { token: coordinator, body: {} });
    await t.runtime.ports.volunteers.registerMembers(
      GENT,
      PHONES.map((phone, i) =>
        aVolunteer({
          id: t.runtime.ports.newId(),
          municipality: GENT,
          name: `Lid ${i + 1} Gent`,
          phone,
          registeredAt: new Date().toISOString(),
        }),
      ),
      { sub: 'coordinator-1', roles: ['coordinator'] },
    );
    t.runtime.outbox.makeUndeliverable(SWITCHED_OFF);
    page = await (
      await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'nl-BE' })
    ).newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.runtime.stop();
  });

  const codeSentTo = (phone: string) =>
    eventually(async () => {
      await t.runtime.queue.drain();
      const body = t.runtime.outbox.sentTo(phone)[0]?.body;
      return body && /JA (\d{4})/.exec(body)![1];
    });
  const acceptedFor = (task: string) =>
    page.locator(`[data-task=${task}] [data-count=accepted]`).textContent();
  const rowOf = (name: string) => page.locator('.responders tr', { hasText: name });
  const buttonsOf = async (name: string) =>
    (await rowOf(name).getByRole('button').allTextContents()).map((label) => label.replace(name, '').trim());

  it('signs in locally, enters the request taken by phone, watches the acceptances arrive and closes it', async () => {
    await page.goto(t.runtime.url);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Aanmelden');
    expect(await page.locator('.local-banner').textContent()).toContain('Lokaal');
    await expectNoAccessibilityViolations(page, 'the local sign-in');
    await page.getByLabel('Coördinator Rode Kruis').check();
    await page.getByLabel('Naam (niet verplicht)').fill('coordinator-1');
    await page.getByRole('button', { name: 'Aanmelden' }).click();

    await page.getByRole('button', { name: 'Hulpvraag van een telefoontje ingeven' }).click();
    await page.getByLabel('Gemeente', { exact: true }).fill('Gent');
    await page.getByLabel('Titel').fill('Zandzakken Ledeberg');
    await page.getByLabel('Logistiek').fill('2');
    await page.getByLabel('Postcode van de plaats').fill('9050');
    await page.getByLabel('Iedereen meteen oproepen').check();
    await page.getByRole('button', { name: 'Hulpvraag versturen' }).click();

    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).textContent())
      .toBe('Zandzakken Ledeberg');
    expect(page.url()).toMatch(/\/requests\/[0-9A-Z]+$/);
    // Everyone at once rather than a first wave of the best-placed.
    const launched = await t.call('GET', `/help-requests/${page.url().split('/').at(-1)}`, {
      token: await t.token({ roles: ['coordinator'] }),
    });
    expect(launched.body.urgency).toBe('immediate');
    await page.getByRole('button', { name: 'Ik neem dit op' }).click();
    await expect.poll(() => page.locator('.outcome').textContent()).toBe('Opgenomen.');
    await expect.poll(() => acceptedFor('logistics'), { timeout: 10_000 }).toBe(' 0');
    await expectNoAccessibilityViolations(page, 'a live request');

    const [first, second] = await Promise.all([codeSentTo(PHONES[0]!), codeSentTo(PHONES[1]!)]);
    await t.runtime.inbound(PHONES[0]!, `JA ${first} kan pas om 14u`);
    // Within the 5 s, without a reload.
    await expect.poll(() => acceptedFor('logistics'), { timeout: 5_000 }).toBe(' 1');
    expect(await page.locator('.responders').textContent()).toContain('kan pas om 14u');
    await t.runtime.inbound(PHONES[1]!, `JA ${second}`);
    await expect.poll(() => acceptedFor('logistics'), { timeout: 5_000 }).toBe(' 2');

    // Nothing reached the switched-off phone, even through the second number: the coordinator gets it to call.
    await expect
      .poll(
        async () => {
          await t.runtime.queue.drain();
          return page.getByRole('link', { name: SWITCHED_OFF }).getAttribute('href', { timeout: 500 });
        },
        { timeout: 10_000 },
      )
      .toBe(`tel:${SWITCHED_OFF}`);
    expect(await page.locator('#unreachable-title').textContent()).toBe('1 vrijwilliger niet bereikt');
    await expectNoAccessibilityViolations(page, 'a request with an unreachable volunteer');

    // Lid 1 arrives: checked in from their row, which then says since when and offers only the check-out.
    expect(await buttonsOf('Lid 1 Gent')).toEqual(['Aanmelden ter plaatse']);
    await rowOf('Lid 1 Gent').getByRole('button', { name: 'Aanmelden ter plaatse Lid 1 Gent' }).click();
    await expect.poll(() => rowOf('Lid 1 Gent').textContent()).toMatch(/Ter plaatse sinds \d\d:\d\d/);
    expect(await rowOf('Lid 1 Gent').getByRole('status').textContent()).toBe('Ter plaatse (verzekerd)');
    expect(await buttonsOf('Lid 1 Gent')).toEqual(['Vertrek melden']);
    // The one button changed its action in place: a keyboard user is still on it.
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Vertrek melden Lid 1 Gent');
    expect(await buttonsOf('Lid 2 Gent')).toEqual(['Aanmelden ter plaatse']);
    await expect.poll(() => page.locator('.totals').textContent()).toContain('Ter plaatse1');
    await keepScreenshot(page, 'coordinator-console');
    await expectNoAccessibilityViolations(page, 'a volunteer on site');

    // Lid 1 leaves: the row says when, and offers the check-in again should they come back.
    await rowOf('Lid 1 Gent').getByRole('button', { name: 'Vertrek melden Lid 1 Gent' }).click();
    await expect.poll(() => rowOf('Lid 1 Gent').textContent()).toMatch(/Vertrokken om \d\d:\d\d/);
    expect(await rowOf('Lid 1 Gent').textContent()).not.toMatch(/Ter plaatse sinds/);
    expect(await buttonsOf('Lid 1 Gent')).toEqual(['Aanmelden ter plaatse']);
    await expectNoAccessibilityViolations(page, 'a volunteer who left');

    await page.getByRole('button', { name: 'Hulpvraag afsluiten' }).click();
    const dialog = page.getByRole('dialog');
    expect(await dialog.textContent()).toContain('2 vrijwilligers die ja zeiden');
    await expectNoAccessibilityViolations(page, 'the close confirmation');
    await dialog.getByRole('button', { name: 'Hulpvraag afsluiten' }).click();
    await expect.poll(() => page.locator('.meta').textContent(), { timeout: 5_000 }).toContain('Afgesloten');
  });
});
