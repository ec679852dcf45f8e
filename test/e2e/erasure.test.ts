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
});
