/// <reference lib="dom" />
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoAccessibilityViolations, launchChromium, PHONE } from '../support/browser';
import { eventually, startTestRuntime } from '../support/local-runtime';

const MECHELEN = '12025';
const ADULT_BIRTH_DATE = '1983-09-17';
const INTEGRATION_PATH = '/3aa4a1a9ab2d/0c1d95ed7e1d';
const TOKEN = 'stand-in-waf-token';

/**
 * A stand-in for AWS WAF's challenge script, on an origin of its own as in AWS: it defines the integration's `fetch`,
 * which sends the token header on every call it makes, as the real one does.
 */
const CHALLENGE_SCRIPT = `window.AwsWafIntegration = {
  fetch: (input, init) => {
    const request = new Request(input, init);
    request.headers.set('x-aws-waf-token', ${JSON.stringify(TOKEN)});
    return fetch(request);
  },
};`;

/** Serves the stand-in script at `<integration URL>/challenge.js` and keeps the paths asked for. */
const startChallengeServer = async () => {
  const asked: string[] = [];
  const server: Server = createServer((req, res) => {
    asked.push(req.url ?? '');
    if (req.url === `${INTEGRATION_PATH}/challenge.js`) {
      res.writeHead(200, { 'content-type': 'text/javascript' });
      res.end(CHALLENGE_SCRIPT);
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { server, asked, integrationUrl: `http://127.0.0.1:${port}${INTEGRATION_PATH}/` };
};

describe("the citizen's registration page behind AWS WAF (config.json names the web ACL's integration URL)", () => {
  let t: Awaited<ReturnType<typeof startTestRuntime>>;
  let challenge: Awaited<ReturnType<typeof startChallengeServer>>;
  let browser: Browser;
  let coordinator: string;
  let requester: string;

  beforeAll(async () => {
    challenge = await startChallengeServer();
    [t, browser] = await Promise.all([
      startTestRuntime({
        wafIntegrationUrl: challenge.integrationUrl,
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
    challenge?.server.close();
  });

  const openCall = async (title: string): Promise<string> => {
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
    const opened = await t.call('POST', `/help-requests/${launched.body.id}/spontaneous-call`, {
      token: coordinator,
    });
    expect(opened.status).toBe(201);
    return opened.body.registrationUrl as string;
  };

  /** A phone whose page keeps every API call it makes and every error it throws. */
  const phone = async () => {
    const context = await browser.newContext({ ...PHONE, locale: 'nl-BE' });
    const page = await context.newPage();
    const calls: Request[] = [];
    const errors: string[] = [];
    page.on('request', (request) => {
      if (request.url().startsWith(`${t.runtime.url}/spontaneous/`)) calls.push(request);
    });
    page.on('pageerror', (error) => errors.push(error.message));
    return { page, calls, errors };
  };

  const fillIn = async (page: Page, name: string, mobile: string) => {
    await page.getByLabel('Naam en voornaam').fill(name);
    await page.getByLabel('Geboortedatum').fill(ADULT_BIRTH_DATE);
    await page.getByLabel('Gsm-nummer').fill(mobile);
    await page.getByLabel('Ik ga akkoord').check();
  };

  it("loads the web ACL's challenge script and registers through its fetch, with the WAF token", async () => {
    const link = await openCall('Zandzakken Nete');
    const { page, calls, errors } = await phone();
    await page.goto(link);
    await expect.poll(() => page.locator('h1').textContent()).toBe('Zandzakken Nete');
    expect(challenge.asked).toContain(`${INTEGRATION_PATH}/challenge.js`);

    await fillIn(page, 'Wout Waf', '0479 12 33 44');
    await page.getByRole('button', { name: 'Registreer me' }).click();
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).textContent())
      .toBe('Bedankt, je bent geregistreerd');

    const registration = calls.find((call) => call.method() === 'POST');
    expect(registration?.url()).toMatch(/\/spontaneous\/[A-Z0-9]+\/registrations$/);
    expect(await registration?.headerValue('x-aws-waf-token')).toBe(TOKEN);
    // Reading the call is not challenged: it goes without the token (and so without a preflight in AWS).
    const read = calls.find((call) => call.method() === 'GET');
    expect(read).toBeDefined();
    expect(await read?.headerValue('x-aws-waf-token')).toBeNull();
    await eventually(async () => {
      await t.runtime.queue.drain();
      return t.runtime.outbox.sentTo('+32479123344')[0];
    });
    expect(errors).toEqual([]);
  });

  it('tells the citizen, in their language, when the challenge script cannot load, and sends once it can', async () => {
    const link = await openCall('Stroompanne Lier');
    const { page, calls, errors } = await phone();
    // A content blocker, or a connection that drops it.
    const script = `${challenge.integrationUrl}challenge.js`;
    await page.route(script, (route) => route.abort());
    await page.goto(link);
    await expect.poll(() => page.locator('h1').textContent()).toBe('Stroompanne Lier');

    await fillIn(page, 'Lotte Later', '0479 55 66 77');
    await page.getByRole('button', { name: 'Registreer me' }).click();
    const banner = page.locator('.banner[role="alert"]');
    await expect
      .poll(() => banner.textContent())
      .toBe(
        'Je gegevens zijn niet verstuurd: we konden niet nagaan dat deze browser geen robot is (een adblocker of een zwakke verbinding kan dat tegenhouden). Probeer opnieuw, of open de link in een andere browser.',
      );
    // Nothing was sent, what was typed stays, and the page did not break.
    expect(calls.filter((call) => call.method() === 'POST')).toEqual([]);
    expect(await page.getByLabel('Naam en voornaam').inputValue()).toBe('Lotte Later');
    await expectNoAccessibilityViolations(page, 'the form when the challenge script cannot load');
    expect(errors).toEqual([]);

    // Once the script loads, trying again registers.
    await page.unroute(script);
    await page.getByRole('button', { name: 'Registreer me' }).click();
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).textContent())
      .toBe('Bedankt, je bent geregistreerd');
    expect(await calls.find((call) => call.method() === 'POST')?.headerValue('x-aws-waf-token')).toBe(TOKEN);
  });
});
