/// <reference lib="dom" />
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoAccessibilityViolations, keepScreenshot, launchChromium, PHONE } from '../support/browser';
import { eventually, startTestRuntime } from '../support/local-runtime';

const MECHELEN = '12025';
const ADULT_BIRTH_DATE = '1983-09-17';
const SIXTEEN_BIRTH_DATE = `${new Date().getUTCFullYear() - 16}-01-01`;

describe("the citizen's registration page at the link of a spontaneous call, on a phone", () => {
  let t: Awaited<ReturnType<typeof startTestRuntime>>;
  let browser: Browser;
  let coordinator: string;
  let requester: string;

  beforeAll(async () => {
    // A closed call stays readable through the aftercare window; the purge after it is the e2e tests' concern.
    [t, browser] = await Promise.all([
      startTestRuntime({
        timing: { ackTimeoutSeconds: 600, responseWindowSeconds: 1, aftercareWindowSeconds: 600 },
      }),
      launchChromium(),
    ]);
    coordinator = await t.token({ roles: ['coordinator'], sub: 'coordinator-1' });
    const admin = await t.token({
      roles: ['municipal-admin'],
      municipality: MECHELEN,
      sub: 'mechelen-admin',
    });
    requester = await t.token({ roles: ['requester'], municipality: MECHELEN, sub: 'mechelen-official' });
    await t.call('PUT', `/municipalities/${MECHELEN}`, { token: coordinator, body: {} });
    await t.call('PUT', `/municipalities/${MECHELEN}/requesters`, {
      token: admin,
      body: { requesters: ['mechelen-official'] },
    });
  });
  afterAll(async () => {
    await browser?.close();
    await t?.runtime.stop();
  });

  /** A help request of Mechelen with its spontaneous call open: the link the coordinator shares. */
  const openCall = async (title: string) => {
    const launched = await t.call('POST', '/help-requests', {
      token: requester,
      body: {
        municipality: MECHELEN,
        title,
        needs: [{ task: 'logistics', volunteers: 10 }],
        location: { postcode: '2800' },
        spontaneousCallAllowed: true,
      },
    });
    expect(launched.status).toBe(202);
    const opened = await t.call('POST', `/help-requests/${launched.body.id}/spontaneous-call`, {
      token: coordinator,
    });
    expect(opened.status).toBe(201);
    return { id: launched.body.id as string, link: opened.body.registrationUrl as string };
  };

  const phoneIn = async (locale: string): Promise<Page> => {
    const context = await browser.newContext({ ...PHONE, locale });
    return context.newPage();
  };

  const smsTo = (phone: string) =>
    eventually(async () => {
      await t.runtime.queue.drain();
      return t.runtime.outbox.sentTo(phone)[0];
    });

  it('registers a citizen in Dutch, the browser’s language, and tells what happens next', async () => {
    const { link } = await openCall('Zandzakken Dijle');
    const page = await phoneIn('nl-BE');
    await page.goto(link);

    await expect.poll(() => page.locator('h1').textContent()).toBe('Zandzakken Dijle');
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('nl');
    expect(await page.title()).toBe('Help mee: Zandzakken Dijle');
    await expectNoAccessibilityViolations(page, 'the form');
    await keepScreenshot(page, 'citizen-page');
    // The page fits the phone: nothing to scroll sideways.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

    await page.getByLabel('Naam en voornaam').fill('Arne Spontaan');
    await page.getByLabel('Geboortedatum').fill(ADULT_BIRTH_DATE);
    await page.getByLabel('Gsm-nummer').fill('0479 12 98 76');
    await page.getByLabel('Ik ga akkoord').check();
    await page.getByRole('button', { name: 'Registreer me' }).click();

    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).textContent())
      .toBe('Bedankt, je bent geregistreerd');
    expect(await page.locator('main').textContent()).toContain('sms van het Rode Kruis op 0479 12 98 76');
    await expectNoAccessibilityViolations(page, 'the confirmation');
    expect((await smsTo('+32479129876')).body).toMatch(
      /^Rode Kruis: bedankt voor je registratie voor Mechelen: Zandzakken Dijle\. Antwoord JA \d{4}/,
    );
  });

  it('speaks French to a French browser, refuses each wrong field in French, then asks a parent’s consent at 16', async () => {
    const { link } = await openCall('Évacuation home De Linde');
    const page = await phoneIn('fr-BE');
    await page.goto(link);
    await expect.poll(() => page.locator('h1').textContent()).toBe('Évacuation home De Linde');
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('fr');

    await page.getByRole('button', { name: "M'inscrire" }).click();
    const summary = page.getByRole('alert');
    await expect.poll(() => summary.locator('h2').textContent()).toBe('Il y a un problème');
    expect(await summary.locator('li').allTextContents()).toEqual([
      'Indiquez votre nom.',
      'Indiquez votre date de naissance, par exemple 17-09-1983.',
      'Indiquez un numéro de GSM de Belgique, des Pays-Bas, de France, d’Allemagne ou du Luxembourg, par exemple 0470 12 34 56.',
      'Cochez la case pour accepter et vous inscrire.',
    ]);
    // The summary takes the focus, so a screen reader reads it first; each field says its own error.
    expect(await page.evaluate(() => document.activeElement?.classList.contains('error-summary'))).toBe(true);
    expect(await page.getByLabel('Nom et prénom').getAttribute('aria-invalid')).toBe('true');
    await expectNoAccessibilityViolations(page, 'the form with errors');

    await page.getByLabel('Nom et prénom').fill('Yana Seize');
    await page.getByLabel('Date de naissance').fill(SIXTEEN_BIRTH_DATE);
    // A number the browser cannot judge: the API refuses it, and the page says so on the field in French.
    await page.getByLabel('Numéro de GSM').fill('+44 7400 123456');
    await page.getByLabel("J'accepte").check();
    await page.getByRole('button', { name: "M'inscrire" }).click();
    await expect
      .poll(() => summary.locator('li').allTextContents())
      .toEqual(["Un parent ou tuteur doit être d'accord, car vous avez 16 ou 17 ans."]);
    await page.getByLabel("Un parent ou tuteur est d'accord que j'aide").check();
    await page.getByRole('button', { name: "M'inscrire" }).click();
    await expect
      .poll(() => summary.locator('li').allTextContents())
      .toEqual([
        'Indiquez un numéro de GSM de Belgique, des Pays-Bas, de France, d’Allemagne ou du Luxembourg, par exemple 0470 12 34 56.',
      ]);

    await page.getByLabel('Numéro de GSM').fill('+32 479 55 43 21');
    await page.getByLabel('Français').check();
    await page.getByRole('button', { name: "M'inscrire" }).click();
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).textContent())
      .toBe('Merci, vous êtes inscrit·e');
    expect((await smsTo('+32479554321')).body).toMatch(
      /^Croix-Rouge: merci pour votre inscription pour Mechelen/,
    );
  });

  it('switches language on the page without losing what was typed', async () => {
    const { link } = await openCall('Stroompanne Bonheiden');
    const page = await phoneIn('de-DE');
    await page.goto(link);
    await expect.poll(() => page.getByLabel('Naam en voornaam').count()).toBe(1);
    await page.getByLabel('Naam en voornaam').fill('Sam Taal');

    await page.getByRole('button', { name: 'English' }).click();

    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('en');
    expect(await page.getByLabel('Full name').inputValue()).toBe('Sam Taal');
    expect(await page.getByRole('button', { name: 'English' }).getAttribute('aria-current')).toBe('true');
  });

  it('shows a friendly page for a call that is closed or unknown, never an API error', async () => {
    const { id, link } = await openCall('Wateroverlast Walem');
    expect(
      (await t.call('POST', `/help-requests/${id}/close`, { token: coordinator, body: {} })).status,
    ).toBe(200);
    const page = await phoneIn('nl-BE');

    await page.goto(link);
    await expect.poll(() => page.locator('h1').textContent()).toBe('Deze oproep is afgelopen');
    expect(await page.locator('main').textContent()).toContain(
      '„Wateroverlast Walem” in Mechelen is afgesloten',
    );
    await expectNoAccessibilityViolations(page, 'the closed call');

    await page.goto(`${t.runtime.url}/r/ZZZZZZZZZZ`);
    await expect.poll(() => page.locator('h1').textContent()).toBe('Deze oproep bestaat niet (meer)');
    expect(await page.locator('body').textContent()).not.toContain('NotFound');
    await expectNoAccessibilityViolations(page, 'the unknown call');
  });
});
