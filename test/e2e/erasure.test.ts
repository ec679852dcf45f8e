import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { eventually, startTestRuntime } from '../support/local-runtime';
import { captureLogs, everyItem } from '../support/scan';

const LEUVEN = '24062';
const NAME = 'Wannes Verhaegen-Uniek';
const PHONE = '+32478554433';
const NATIONAL = '0478554433';

describe('erasing a corps member over HTTP', () => {
  let t: Awaited<ReturnType<typeof startTestRuntime>>;
  let logged: string[] = [];
  beforeAll(async () => {
    t = await startTestRuntime({ tablePrefix: 'erasure-' });
    logged = captureLogs();
  });
  afterAll(async () => {
    vi.restoreAllMocks();
    await t.runtime.stop();
  });

  it('leaves no name or phone number in any table or log line, and keeps the anonymous counts', async () => {
    const coordinator = await t.token({ roles: ['coordinator'], sub: 'coordinator-1' });
    const admin = await t.token({ roles: ['municipal-admin'], municipality: LEUVEN, sub: 'leuven-admin' });
    const requester = await t.token({ roles: ['requester'], municipality: LEUVEN, sub: 'leuven-official' });
    await t.call('PUT', `/municipalities/${LEUVEN}`, { token: coordinator, body: {} });
    await t.call('PUT', `/municipalities/${LEUVEN}/requesters`, {
      token: admin,
      body: { requesters: ['leuven-official'] },
    });
    await t.call('PUT', '/training-providers/rode-kruis-vlaanderen', {
      token: coordinator,
      body: { name: 'Rode Kruis-Vlaanderen', charter: 'red-cross-flanders' },
    });
    const registered = await t.call('POST', `/municipalities/${LEUVEN}/volunteers`, {
      token: admin,
      body: {
        name: NAME,
        birthDate: '1994-07-14',
        phone: NATIONAL,
        homePostcode: '3000',
        availabilityNotes: 'weekends',
      },
    });
    expect(registered.status).toBe(201);
    const id: string = registered.body.id;
    const stays = await t.call('POST', `/municipalities/${LEUVEN}/volunteers`, {
      token: admin,
      body: { name: 'Blijft Lid', birthDate: '1980-01-01', phone: '0478112233' },
    });
    expect(
      (
        await t.call('POST', `/volunteers/${id}/trainings`, {
          token: admin,
          body: { kind: 'basic', providerId: 'rode-kruis-vlaanderen', date: '2026-03-14' },
        })
      ).status,
    ).toBe(201);

    const launched = await t.call('POST', '/help-requests', {
      token: requester,
      body: {
        municipality: LEUVEN,
        title: 'Stormschade',
        needs: [{ task: 'logistics', volunteers: 1 }],
        location: { postcode: '3000' },
      },
    });
    const alert = await eventually(async () => {
      await t.runtime.queue.drain();
      return t.runtime.outbox.sentTo(PHONE)[0];
    });
    const code = /JA (\d{4})/.exec(alert.body)![1];
    await t.call('POST', '/_local/sms/inbound', {
      body: { from: PHONE, body: `JA ${code} ik ben ${NAME}, bel me op ${NATIONAL}` },
    });
    expect(
      (await t.call('GET', `/help-requests/${launched.body.id}`, { token: requester })).body.counts.accepted,
    ).toBe(1);
    expect(JSON.stringify(await everyItem('erasure-'))).toContain(NAME);

    const self = await t.token({ roles: ['volunteer'], volunteerId: id, sub: 'wannes' });
    const erased = await t.call('DELETE', `/volunteers/${id}`, { token: self });
    expect(erased.status).toBe(204);

    const items = await everyItem('erasure-');
    const stored = JSON.stringify(items);
    for (const secret of [NAME, PHONE, NATIONAL, 'Verhaegen', 'weekends'])
      expect(stored).not.toContain(secret);
    expect(
      items.filter((item) => item.pk === `VOL#${id}` || (item.volunteerId === id && 'note' in item)),
    ).toEqual([]);
    const former = items.filter((item) => String(item.sk).startsWith('FORMER#'));
    expect(former).toHaveLength(1);
    expect(former[0]).toMatchObject({
      reason: 'erased',
      fundingSource: 'flanders',
      trainings: [{ kind: 'basic', year: 2026, funded: true }],
    });
    expect(JSON.stringify(former[0])).not.toContain(id);
    expect((await t.call('GET', `/volunteers/${id}`, { token: coordinator })).status).toBe(404);
    expect((await t.call('GET', `/volunteers/${stays.body.id}`, { token: coordinator })).body.name).toBe(
      'Blijft Lid',
    );
    const municipality = await t.call('GET', `/municipalities/${LEUVEN}`, { token: admin });
    expect(municipality.body.corps).toMatchObject({ members: 1, fundedMembers: 1 });

    const logs = logged.join('');
    expect(logs.length).toBeGreaterThan(0);
    for (const secret of [NAME, PHONE, NATIONAL, 'Verhaegen']) expect(logs).not.toContain(secret);
  });

  it('refuses while the member is on site; then deletes their account and keeps their claim for the insurer, without phone, link or SMS', async () => {
    const CLAIMANT = { name: 'Fien Claimant-Uniek', birthDate: '1991-02-03', phone: '0478 66 77 88' };
    const CLAIMANT_PHONE = '+32478667788';
    const coordinator = await t.token({ roles: ['coordinator'], sub: 'coordinator-1' });
    const requester = await t.token({ roles: ['requester'], municipality: LEUVEN, sub: 'leuven-official' });
    const id: string = (
      await t.call('POST', `/municipalities/${LEUVEN}/volunteers`, { token: coordinator, body: CLAIMANT })
    ).body.id;
    const launched = await t.call('POST', '/help-requests', {
      token: requester,
      body: {
        municipality: LEUVEN,
        title: 'Wateroverlast',
        needs: [{ task: 'logistics', volunteers: 1 }],
        location: { postcode: '3000' },
      },
    });
    const alert = await eventually(async () => {
      await t.runtime.queue.drain();
      return t.runtime.outbox.sentTo(CLAIMANT_PHONE)[0];
    });
    await t.call('POST', '/_local/sms/inbound', {
      body: { from: CLAIMANT_PHONE, body: `JA ${/JA (\d{4})/.exec(alert.body)![1]}` },
    });
    const requestId: string = launched.body.id;
    const onSite = await t.call('POST', `/help-requests/${requestId}/check-ins`, {
      token: coordinator,
      body: { volunteerId: id },
    });
    const self = await t.token({ roles: ['volunteer'], volunteerId: id, sub: 'a1b2c3d4-fien' });
    const claim = await t.call('POST', '/claims', {
      token: self,
      body: {
        requestId,
        volunteerId: id,
        kind: 'bodily-accident',
        occurredAt: onSite.body.onSiteSince,
        location: 'Vaartkom',
        description: 'Gesneden aan een plaat.',
        injuries: 'Snijwonde',
        witnesses: [],
      },
    });
    expect(claim.status).toBe(201);
    const claimId: string = claim.body.id;
    await t.runtime.queue.drain();
    const textsBefore = t.runtime.outbox.sentTo(CLAIMANT_PHONE).length;

    const refused = await t.call('DELETE', `/volunteers/${id}`, { token: self });
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({
      error: 'Conflict',
      message: expect.stringMatching(/check them out/),
    });
    expect((await t.call('GET', `/volunteers/${id}`, { token: coordinator })).status).toBe(200);

    await t.call('POST', `/help-requests/${requestId}/check-outs`, {
      token: coordinator,
      body: { volunteerId: id },
    });
    expect((await t.call('DELETE', `/volunteers/${id}`, { token: self })).status).toBe(204);
    // A client's retry after a lost answer changes nothing.
    expect((await t.call('DELETE', `/volunteers/${id}`, { token: coordinator })).status).toBe(404);

    expect(t.runtime.accounts.deleted).toContain(id);
    const kept = await t.call('GET', `/claims/${claimId}`, { token: coordinator });
    expect(kept.body.claimant).toEqual({
      name: CLAIMANT.name,
      language: 'nl',
      spontaneous: false,
      erased: true,
    });
    expect(kept.body.volunteerId).toBeUndefined();
    expect(kept.body.injuries).toBe('Snijwonde');
    const moved = await t.call('PATCH', `/claims/${claimId}`, {
      token: coordinator,
      body: { status: 'in-review' },
    });
    expect(moved.status).toBe(200);
    await t.runtime.queue.drain();
    expect(t.runtime.outbox.sentTo(CLAIMANT_PHONE)).toHaveLength(textsBefore);
    const stored = JSON.stringify(await everyItem('erasure-'));
    for (const secret of [CLAIMANT_PHONE, '0478667788', 'Fien Claimant-Uniek'])
      expect(stored.split(secret).length - 1, secret).toBe(secret === CLAIMANT.name ? 1 : 0);
  });
});
