import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { eventually, startTestRuntime } from '../support/local-runtime';
import { captureLogs, everyItem } from '../support/scan';

const MECHELEN = '12025';
const MEMBER = { name: 'Marleen Blijft-Lid', birthDate: '1979-03-14', phone: '0478 66 55 44' };
const MEMBER_PHONE = '+32478665544';
const ADULT = { name: 'Arne Spontaan-Uniek', birthDate: '1983-09-17', phone: '0479 12 98 76' };
const ADULT_PHONE = '+32479129876';
const YOUNG_BIRTH_DATE = `${new Date().getUTCFullYear() - 16}-01-01`;
const YOUNG = { name: 'Yana Zestien-Uniek', birthDate: YOUNG_BIRTH_DATE, phone: '+32479554321' };

describe('a spontaneous call over HTTP, from registration to the purge after the aftercare window', () => {
  let t: Awaited<ReturnType<typeof startTestRuntime>>;
  let logged: string[] = [];
  const dataDir = mkdtempSync(path.join(tmpdir(), 'spontaneous-'));
  beforeAll(async () => {
    t = await startTestRuntime({
      tablePrefix: 'spontaneous-',
      dataDir,
      timing: { ackTimeoutSeconds: 1, responseWindowSeconds: 1, aftercareWindowSeconds: 3 },
    });
    logged = captureLogs();
  });
  afterAll(async () => {
    vi.restoreAllMocks();
    await t.runtime.stop();
  });

  /** The `nth` SMS to a phone (1 = the first), once it has been sent. */
  const smsTo = (phone: string, nth = 1) =>
    eventually(async () => {
      await t.runtime.queue.drain();
      return t.runtime.outbox.sentTo(phone)[nth - 1];
    });
  const codeIn = (body: string) => /JA (\d{4})/.exec(body)![1];

  it('registers, alerts, deploys and stands down citizens like members, then leaves nothing of them anywhere', async () => {
    const coordinator = await t.token({ roles: ['coordinator'], sub: 'coordinator-1' });
    const admin = await t.token({
      roles: ['municipal-admin'],
      municipality: MECHELEN,
      sub: 'mechelen-admin',
    });
    const requester = await t.token({
      roles: ['requester'],
      municipality: MECHELEN,
      sub: 'mechelen-official',
    });
    await t.call('PUT', `/municipalities/${MECHELEN}`, { token: coordinator, body: {} });
    await t.call('PUT', `/municipalities/${MECHELEN}/requesters`, {
      token: admin,
      body: { requesters: ['mechelen-official'] },
    });
    const member = await t.call('POST', `/municipalities/${MECHELEN}/volunteers`, {
      token: admin,
      body: MEMBER,
    });
    expect(member.status).toBe(201);

    const launched = await t.call('POST', '/help-requests', {
      token: requester,
      body: {
        municipality: MECHELEN,
        title: 'Zandzakken Dijle',
        needs: [{ task: 'logistics', volunteers: 10 }],
        location: { postcode: '2800' },
        spontaneousCallAllowed: true,
      },
    });
    const id: string = launched.body.id;

    const opened = await t.call('POST', `/help-requests/${id}/spontaneous-call`, { token: coordinator });
    expect(opened.status).toBe(201);
    expect(opened.body.registrationUrl).toBe(`${t.runtime.url}/r/${opened.body.code}`);
    const reopened = await t.call('POST', `/help-requests/${id}/spontaneous-call`, { token: coordinator });
    expect(reopened).toEqual({ status: 200, body: opened.body });
    const registrationPath: string = opened.body.registrationPath;
    expect(await t.call('GET', `/spontaneous/${opened.body.code}`)).toEqual({
      status: 200,
      body: {
        code: opened.body.code,
        status: 'open',
        title: expect.any(String),
        municipalityName: 'Mechelen',
        adultsOnly: false,
      },
    });

    const adult = await t.call('POST', registrationPath, { body: { ...ADULT, consent: true } });
    expect(adult).toEqual({ status: 201, body: { id: expect.any(String), status: 'alerted' } });
    const young = await t.call('POST', registrationPath, {
      body: { ...YOUNG, consent: true, parentalConsent: true, language: 'fr' },
    });
    expect(young).toEqual({ status: 201, body: { id: expect.any(String), status: 'alerted' } });
    const twice = await t.call('POST', registrationPath, {
      body: { ...ADULT, name: 'Iemand Anders', consent: true },
    });
    // Answered exactly like a new citizen (no oracle), with an id that names nobody; no second SMS (checked below).
    expect(twice).toEqual({ status: 201, body: { id: expect.any(String), status: 'alerted' } });
    expect(twice.body.id).not.toBe(adult.body.id);
    const abroad = await t.call('POST', registrationPath, {
      body: { ...ADULT, phone: '+44 7400 123456', consent: true },
    });
    expect(abroad).toEqual({
      status: 400,
      body: {
        error: 'ValidationError',
        issues: [{ path: 'phone', message: 'a mobile number of one of these countries: BE, NL, FR, DE, LU' }],
        correlationId: expect.any(String),
      },
    });
    expect(
      (await t.call('POST', registrationPath, { body: { ...ADULT, phone: '0479 00 00 01', consent: false } }))
        .status,
    ).toBe(400);

    const adultAlert = await smsTo(ADULT_PHONE);
    expect(adultAlert.body).toMatch(
      /^Rode Kruis: bedankt voor je registratie voor Mechelen: Zandzakken Dijle\./,
    );
    const youngAlert = await smsTo(YOUNG.phone);
    expect(youngAlert.body).toMatch(/^Croix-Rouge: merci pour votre inscription pour Mechelen/);
    const memberAlert = await smsTo(MEMBER_PHONE);
    for (const [phone, alert] of [
      [ADULT_PHONE, adultAlert],
      [YOUNG.phone, youngAlert],
      [MEMBER_PHONE, memberAlert],
    ] as const) {
      await t.call('POST', '/_local/sms/inbound', {
        body: { from: phone, body: `JA ${codeIn(alert.body)}` },
      });
    }
    // The welcome with the code, then the confirmation of their yes: answered like a member.
    expect(t.runtime.outbox.sentTo(ADULT_PHONE).map((m) => m.body.slice(0, 33))).toEqual([
      'Rode Kruis: bedankt voor je regis',
      'Rode Kruis: bedankt, je helpt bij',
    ]);
    const view = await t.call('GET', `/help-requests/${id}`, { token: coordinator });
    expect(view.body.counts).toMatchObject({ alerted: 3, accepted: 3 });

    for (const volunteerId of [adult.body.id, young.body.id, member.body.id]) {
      const checkedIn = await t.call('POST', `/help-requests/${id}/check-ins`, {
        token: coordinator,
        body: { volunteerId },
      });
      expect(checkedIn.status, JSON.stringify(checkedIn.body)).toBe(200);
    }
    expect(
      (
        await t.call('POST', `/help-requests/${id}/check-outs`, {
          token: coordinator,
          body: { volunteerId: adult.body.id },
        })
      ).status,
    ).toBe(200);

    const beforeItems = await everyItem('spontaneous-');
    const before = JSON.stringify(beforeItems);
    const callItems = beforeItems.filter((item) => item.pk === `CALL#${opened.body.code}`).length;
    for (const secret of [ADULT.name, ADULT_PHONE, YOUNG.name, adult.body.id])
      expect(before).toContain(secret);

    expect((await t.call('POST', `/help-requests/${id}/close`, { token: coordinator })).status).toBe(200);
    expect((await t.call('GET', `/spontaneous/${opened.body.code}`)).body.status).toBe('closed');
    // After the welcome and the confirmation of their yes.
    const adultStandDown = await smsTo(ADULT_PHONE, 3);
    expect(adultStandDown.body).toMatch(
      /^Rode Kruis: de hulpvraag in Mechelen is afgesloten\..*aangifteformulier/,
    );
    expect((await smsTo(YOUNG.phone, 3)).body).toMatch(
      /^Croix-Rouge: la demande d'aide a Mechelen est cloturee/,
    );
    expect(readFileSync(path.join(dataDir, 'sms-outbox.jsonl'), 'utf8')).toContain(ADULT_PHONE);

    await t.runtime.workflow.executions.get(id)!.done;
    expect(t.runtime.workflow.executions.get(id)?.tasks.slice(-2)).toEqual(['StandDown', 'PurgeAdHocData']);

    const items = await everyItem('spontaneous-');
    const stored = JSON.stringify(items);
    const outboxFile = readFileSync(path.join(dataDir, 'sms-outbox.jsonl'), 'utf8');
    const logs = logged.join('\n');
    expect(logs.length).toBeGreaterThan(0);
    const secrets = [
      ADULT.name,
      'Spontaan-Uniek',
      ADULT.birthDate,
      ADULT_PHONE,
      '0479129876',
      YOUNG.name,
      'Zestien-Uniek',
      YOUNG.birthDate,
      YOUNG.phone,
      adult.body.id,
      young.body.id,
    ];
    for (const secret of secrets) {
      expect(stored, secret).not.toContain(secret);
      expect(outboxFile, secret).not.toContain(secret);
      expect(JSON.stringify(t.runtime.outbox.entries), secret).not.toContain(secret);
      expect(logs, secret).not.toContain(secret);
    }

    // The member is untouched: profile, alert, deployment (closed at the stand-down) and SMS.
    const memberRecord = await t.call('GET', `/volunteers/${member.body.id}`, { token: coordinator });
    expect(memberRecord.body).toMatchObject({
      name: MEMBER.name,
      phone: MEMBER_PHONE,
      birthDate: MEMBER.birthDate,
    });
    expect(
      items
        .filter((item) => item.volunteerId === member.body.id)
        .map((item) => String(item.sk).split('#')[0]),
    ).toEqual(expect.arrayContaining(['ALERT', 'DEPLOY', 'STANDDOWN']));
    // The call-out, the confirmation of the yes and the stand-down.
    expect(t.runtime.outbox.sentTo(MEMBER_PHONE)).toHaveLength(3);

    const closed = await t.call('GET', `/help-requests/${id}`, { token: requester });
    expect(closed.body.spontaneousTotals).toEqual({
      registered: 2,
      minors: 1,
      accepted: 2,
      checkedIn: 2,
      minutesOnSite: expect.any(Number),
    });
    expect(closed.body.purgeReceipt).toEqual({
      purgedAt: expect.any(String),
      totals: closed.body.spontaneousTotals,
      deleted: {
        registrations: 2,
        phoneEntries: 2,
        alerts: 2,
        standDowns: 2,
        enoughNotices: 0,
        deployments: 2,
        // Each: the acceptance, the check-in, the check-out (by hand or at the close).
        timelineEntries: 6,
        coordinatorUpdates: 0,
        // The delivery receipts' pointers of their four SMS: two welcomes, two stand-downs.
        sentSmsPointers: 4,
        // The call's pointer and the shards its registrations landed on.
        callPointers: callItems,
        // Each: the welcome with the reply code, the confirmation of their yes and the stand-down.
        smsTraces: 6,
      },
      elsewhere: [{ what: 'backups', until: expect.any(String) }],
      // Nobody filed a claim: nothing kept under insurance retention.
      keptUnderInsuranceRetention: { claims: 0 },
    });
    expect(closed.body.counts).toMatchObject({ alerted: 3, accepted: 3 });
    expect((await t.call('POST', registrationPath, { body: { ...ADULT, consent: true } })).status).toBe(404);
    expect((await t.call('GET', `/spontaneous/${opened.body.code}`)).status).toBe(404);
  });
});
