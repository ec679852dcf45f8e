/// <reference lib="dom" />
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aVolunteer } from '../builders/volunteer';
import {
  accessibleNamesByRole,
  expectNoAccessibilityViolations,
  launchChromium,
  PHONE,
  scrollsSideways,
  smallTapTargets,
} from '../support/browser';
import { eventually, startTestRuntime } from '../support/local-runtime';

const GENT = '44021';
const AALST = '41002';
const AALST_PHONES = ['+32472000201', '+32472000202'];
/** Oost-Vlaanderen has 55 municipalities; Gent is in the request's scope already. */
const OTHERS_IN_PROVINCE = 54;
const TITLE = 'Overstroming Gentbrugge';

describe('the console on a 360 × 640 phone at 3 a.m.: wider activations, the lists without sideways scrolling', () => {
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
    for (const nis of [GENT, AALST])
      await t.call('PUT', `/municipalities/${nis}`, { token: coordinator, body: {} });
    await t.runtime.ports.volunteers.registerMembers(
      AALST,
      AALST_PHONES.map((phone, i) =>
        aVolunteer({
          id: t.runtime.ports.newId(),
          municipality: AALST,
          name: `Lid ${i + 1} Aalst`,
          phone,
          registeredAt: new Date().toISOString(),
        }),
      ),
      { sub: 'coordinator-1', roles: ['coordinator'] },
    );
    const launched = await t.call('POST', '/help-requests', {
      token: coordinator,
      body: {
        municipality: GENT,
        channel: 'phone',
        title: TITLE,
        needs: [{ task: 'logistics', volunteers: 6 }],
        location: { postcode: '9050' },
      },
    });
    expect(launched.status).toBe(202);
    page = await (await browser.newContext({ ...PHONE, locale: 'fr-BE' })).newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.runtime.stop();
  });

  const activationDialog = () => page.getByRole('dialog', { name: "Étendre l'appel à d'autres corps" });

  it('lists the open requests on a 360 × 640 screen without sideways scrolling, every control big enough for a thumb', async () => {
    await page.goto(t.runtime.url);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Connexion');
    await page.getByLabel('Centre de crise').check();
    await page.getByRole('button', { name: 'Se connecter' }).click();

    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).textContent())
      .toBe("Demandes d'aide ouvertes en Flandre");
    await expect.poll(() => page.getByRole('link', { name: TITLE }).count()).toBe(1);
    expect(await scrollsSideways(page)).toBe(false);
    expect(await smallTapTargets(page)).toEqual([]);
    // The list stays a table for a screen reader, whatever the layout.
    const roles = await accessibleNamesByRole(page);
    expect(roles.table).toHaveLength(1);
    expect(roles.columnheader).toEqual(['Titre', 'Commune', 'Depuis', 'Acceptés', 'État']);
    expect(roles.rowheader).toEqual([TITLE]);
    expect(roles.cell).toContain('Gand');
    await expectNoAccessibilityViolations(page, 'the requests list on a phone');
  });

  it('opens the request: counts per task and the actions fit the screen', async () => {
    await page.getByRole('link', { name: TITLE }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe(TITLE);
    await expect.poll(() => page.locator('[data-task=logistics] [data-count=accepted]').count()).toBe(1);
    expect(await scrollsSideways(page)).toBe(false);
    expect(await smallTapTargets(page)).toEqual([]);
    await expectNoAccessibilityViolations(page, 'one request on a phone');
  });

  it('offers the crisis centre only the province and Flanders, refuses the province without the declared phase on its field, then activates it', async () => {
    await page.getByRole('button', { name: "Étendre l'appel" }).click();
    const dialog = activationDialog();
    await expect.poll(() => dialog.isVisible()).toBe(true);
    expect(
      await dialog
        .getByRole('radio')
        .evaluateAll((radios) => (radios as HTMLInputElement[]).map((r) => r.labels?.[0]?.textContent)),
    ).toEqual(['Toute la province de Flandre orientale', 'Toute la Flandre']);
    await dialog.getByLabel('Toute la province de Flandre orientale').check();
    expect(await dialog.textContent()).toContain(
      `Les bénévoles de ${OTHERS_IN_PROVINCE} communes de plus reçoivent un SMS`,
    );
    const box = await dialog.boundingBox();
    expect(box!.x).toBeGreaterThanOrEqual(0);
    expect(box!.x + box!.width).toBeLessThanOrEqual(360);
    expect(await scrollsSideways(page)).toBe(false);

    await dialog.getByRole('button', { name: 'Appeler les corps' }).click();
    const phase = dialog.getByLabel('Référence de la phase déclarée');
    await expect.poll(() => phase.getAttribute('aria-invalid')).toBe('true');
    const errorId = (await phase.getAttribute('aria-describedby'))!
      .split(' ')
      .find((id) => id.endsWith('-error'));
    expect(await page.locator(`#${errorId}`).textContent()).toContain(
      'Indiquez la référence de la phase déclarée',
    );
    expect(t.runtime.outbox.sentTo(AALST_PHONES[0]!)).toHaveLength(0);
    await expectNoAccessibilityViolations(page, 'the activation refused without its declared phase');

    // Typing after an error keeps the focus in the field: the error summary takes it only when the errors change.
    await phase.pressSequentially('Phase provinciale GOUV-OVL-2026-03');
    expect(await phase.evaluate((field) => field === document.activeElement)).toBe(true);
    expect(await phase.inputValue()).toBe('Phase provinciale GOUV-OVL-2026-03');
    await dialog.getByRole('button', { name: 'Appeler les corps' }).click();
    await expect
      .poll(() => page.locator('.outcome').textContent(), { timeout: 10_000 })
      .toBe(`L'appel est étendu à ${OTHERS_IN_PROVINCE} communes de plus : suivez-le ci-dessous.`);
    // The activation runs after the answer: the request shows its progress until every corps is done.
    const activation = page.locator('.activations li');
    await expect.poll(() => activation.getAttribute('data-status'), { timeout: 10_000 }).toBe('done');
    expect(await activation.textContent()).toContain(
      `${OTHERS_IN_PROVINCE} communes sur ${OTHERS_IN_PROVINCE} terminées · 2 bénévoles alertés`,
    );
    expect(await dialog.isVisible()).toBe(false);
    for (const phone of AALST_PHONES) {
      expect(
        await eventually(async () => {
          await t.runtime.queue.drain();
          return t.runtime.outbox.sentTo(phone)[0]?.body;
        }),
      ).toContain(TITLE);
    }
    expect(await scrollsSideways(page)).toBe(false);
    await expectNoAccessibilityViolations(page, 'the province activated');
  });

  it('lets a coordinator on a phone, in Dutch, widen to municipalities named by name, refusing a name not on the list', async () => {
    const coordinator = await (await browser.newContext({ ...PHONE, locale: 'nl-BE' })).newPage();
    await coordinator.goto(t.runtime.url);
    await coordinator.getByLabel('Coördinator Rode Kruis').check();
    await coordinator.getByRole('button', { name: 'Aanmelden' }).click();
    await coordinator.getByRole('link', { name: TITLE }).click();
    await expect.poll(() => coordinator.getByRole('heading', { level: 1 }).textContent()).toBe(TITLE);
    // A member of Aalst says yes: the answers' rows, with their check-in button, stack on the phone too.
    const alert = t.runtime.outbox.sentTo(AALST_PHONES[0]!)[0]!.body;
    await t.runtime.inbound(AALST_PHONES[0]!, `JA ${/JA (\d{4})/.exec(alert)![1]} kan pas om 14u`);
    await expect.poll(() => coordinator.locator('.responders').textContent()).toContain('kan pas om 14u');
    expect(await scrollsSideways(coordinator)).toBe(false);
    expect(await smallTapTargets(coordinator)).toEqual([]);
    await expectNoAccessibilityViolations(coordinator, "a coordinator's request with an answer, on a phone");

    await coordinator.getByRole('button', { name: 'Oproep uitbreiden' }).click();
    const dialog = coordinator.getByRole('dialog', { name: 'De oproep uitbreiden naar andere korpsen' });
    await expect.poll(() => dialog.getByRole('radio').count()).toBe(4);
    await dialog.getByLabel('Gekozen gemeenten').check();
    const municipality = dialog.getByLabel('Gemeente toevoegen');
    await municipality.fill('Atlantis');
    await dialog.getByRole('button', { name: 'Toevoegen' }).click();
    await expect.poll(() => municipality.getAttribute('aria-invalid')).toBe('true');
    expect(await dialog.textContent()).toContain('Kies de gemeenten uit de lijst.');

    await municipality.fill('Hasselt');
    await dialog.getByRole('button', { name: 'Toevoegen' }).click();
    await expect
      .poll(() => dialog.getByRole('list', { name: 'Gekozen gemeenten' }).textContent())
      .toContain('Hasselt');
    expect(await municipality.getAttribute('aria-invalid')).toBeNull();
    expect(await dialog.textContent()).toContain('De vrijwilligers van 1 gemeente meer krijgen een sms.');
    await expectNoAccessibilityViolations(coordinator, 'named municipalities chosen');
    await dialog.getByRole('button', { name: 'Korpsen oproepen' }).click();
    await expect
      .poll(() => coordinator.locator('.outcome').textContent(), { timeout: 10_000 })
      .toBe('De oproep wordt uitgebreid naar 1 gemeente meer: volg het hieronder.');
  });

  it("shows a municipal admin's roster on a phone without sideways scrolling", async () => {
    const admin = await (await browser.newContext({ ...PHONE, locale: 'nl-BE' })).newPage();
    await admin.goto(t.runtime.url);
    await admin.getByLabel('Beheerder van de gemeente').check();
    await admin.getByLabel('Gemeente', { exact: true }).selectOption(AALST);
    await admin.getByRole('button', { name: 'Aanmelden' }).click();
    await admin.getByRole('link', { name: 'Korps' }).click();
    await expect.poll(() => admin.getByRole('heading', { level: 1 }).textContent()).toBe('Korps (2 leden)');
    expect(await scrollsSideways(admin)).toBe(false);
    expect(await smallTapTargets(admin)).toEqual([]);
    await expectNoAccessibilityViolations(admin, 'the roster on a phone');
  });
});
