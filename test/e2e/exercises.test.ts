import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { belgianDate } from '../../shared/domain/dates';
import { maskPhone } from '../../shared/observability/logger';
import { eventually, startTestRuntime } from '../support/local-runtime';

const DENDERMONDE = '42006';
const ZELE = '42028';
const PROVIDER = 'rode-kruis-vlaanderen';

/**
 * Drills over the local runtime's HTTP API and SMS outbox: a municipal-admin launches an exercise of their own corps,
 * the lifecycle runs as for a real request with every SMS marked, a member checked in is credited with the yearly
 * simulation exercise, and the yearly report counts the drill apart. A dry one sends nothing to a phone.
 */
describe('exercises, end to end', () => {
  let t: Awaited<ReturnType<typeof startTestRuntime>>;
  let coordinator: string;
  const ON_DUTY = { name: 'Sofie Maes', phone: '+32499300101' };
  const year = Number(belgianDate(new Date()).slice(0, 4));

  beforeAll(async () => {
    t = await startTestRuntime({
      timing: { ackTimeoutSeconds: 600, responseWindowSeconds: 600, aftercareWindowSeconds: 1 },
    });
    coordinator = await t.token({ roles: ['coordinator'], sub: 'coordinator-1' });
    const put = (path: string, body: unknown) => t.call('PUT', path, { token: coordinator, body });
    expect((await put('/duty-roster', { onDuty: ON_DUTY, backups: [] })).status).toBe(200);
    expect(
      (
        await put(`/training-providers/${PROVIDER}`, {
          name: 'Rode Kruis-Vlaanderen',
          charter: 'red-cross-flanders',
        })
      ).status,
    ).toBe(200);
  });
  afterAll(async () => {
    await t?.runtime.stop();
  });

  /** A joined municipality with members of its own, and a token of its municipal-admin. */
  const corps = async (nis: string, phones: string[]) => {
    expect((await t.call('PUT', `/municipalities/${nis}`, { token: coordinator, body: {} })).status).toBe(
      201,
    );
    const members: { id: string; phone: string }[] = [];
    for (const phone of phones) {
      const registered = await t.call('POST', `/municipalities/${nis}/volunteers`, {
        token: coordinator,
        body: { name: 'Oefen Lid', birthDate: '1990-01-01', phone },
      });
      expect(registered.status).toBe(201);
      members.push({ id: registered.body.id, phone });
    }
    const admin = await t.token({ roles: ['municipal-admin'], municipality: nis, sub: `admin-${nis}` });
    return { members, admin };
  };

  const launch = (token: string, nis: string, extra: Record<string, unknown>) =>
    t.call('POST', '/help-requests', {
      token,
      body: {
        municipality: nis,
        title: 'Evacuatie sporthal',
        needs: [{ task: 'logistics', volunteers: 1 }],
        location: { postcode: '9200', description: 'Sporthal Dendermonde' },
        allowWidening: false,
        ...extra,
      },
    });
  const smsTo = async (phone: string) => {
    await t.runtime.queue.drain();
    return t.runtime.outbox.sentTo(phone).map((m) => m.body);
  };
  const report = async () =>
    (await t.call('GET', `/reports/annual/${year}`, { token: coordinator })).body.municipalities as {
      nis: string;
      helpRequests: { total: number };
      deployments: { count: number };
      exercises: { held: number; dry: number; deployments: number };
    }[];

  it('runs a drill a municipal-admin launches like a real request, every SMS marked, and credits the member checked in', async () => {
    const { members, admin } = await corps(DENDERMONDE, ['+32470910001', '+32470910002']);
    const real = await launch(admin, DENDERMONDE, {});
    expect(real.status).toBe(403);

    const launched = await launch(admin, DENDERMONDE, { exercise: true });
    expect(launched.status).toBe(202);
    const id = launched.body.id as string;
    const view = await t.call('GET', `/help-requests/${id}`, { token: coordinator });
    expect(view.body).toMatchObject({ exercise: true, trainingProvider: PROVIDER });

    const [coordinatorAlert] = await eventually(async () => {
      const sms = await smsTo(ON_DUTY.phone);
      return sms.length ? sms : undefined;
    });
    expect(coordinatorAlert).toMatch(/^OEFENING - Rode Kruis 24\/7: nieuwe hulpvraag Dendermonde/);
    const [member] = members;
    const alert = await eventually(async () => (await smsTo(member!.phone))[0]);
    expect(alert).toMatch(/^OEFENING - Rode Kruis: hulpvraag Dendermonde: Evacuatie sporthal\./);

    const code = /JA (\d{4})/.exec(alert)![1];
    expect(
      (await t.call('POST', '/_local/sms/inbound', { body: { from: member!.phone, body: `JA ${code}` } }))
        .status,
    ).toBe(202);
    const confirmation = await eventually(async () => (await smsTo(member!.phone))[1]);
    expect(confirmation).toMatch(/^OEFENING - Rode Kruis: bedankt, je helpt bij Evacuatie sporthal/);

    const checkIn = () =>
      t.call('POST', `/help-requests/${id}/check-ins`, {
        token: coordinator,
        body: { volunteerId: member!.id },
      });
    expect((await checkIn()).status).toBe(200);
    // A retried check-in is refused, and credits nothing twice.
    expect((await checkIn()).status).toBe(409);
    const simulations = (await t.runtime.ports.trainings.listForVolunteer(member!.id)).filter(
      (r) => r.kind === 'simulation',
    );
    expect(simulations).toEqual([
      expect.objectContaining({ id, providerId: PROVIDER, date: belgianDate(new Date()) }),
    ]);
    const profile = await t.call('GET', `/volunteers/${member!.id}`, { token: coordinator });
    expect(profile.body.training).toMatchObject({ simulationDueThisYear: false });

    expect((await t.call('POST', `/help-requests/${id}/close`, { token: coordinator })).status).toBe(200);
    const standDown = await eventually(async () =>
      (await smsTo(member!.phone)).find((sms) => sms.includes('is afgesloten')),
    );
    expect(standDown).toMatch(/^OEFENING - /);
    // Every SMS of the drill says so, to every phone.
    for (const phone of [ON_DUTY.phone, ...members.map((m) => m.phone)])
      for (const sms of await smsTo(phone)) expect(sms.startsWith('OEFENING - '), sms).toBe(true);

    const dendermonde = (await report()).find((m) => m.nis === DENDERMONDE)!;
    expect(dendermonde.helpRequests.total).toBe(0);
    expect(dendermonde.deployments.count).toBe(0);
    expect(dendermonde.exercises).toMatchObject({ held: 1, dry: 0, deployments: 1 });
  });

  it("sends a dry drill's SMS to no phone: they wait in the request's outbox, masked, and the report counts it dry", async () => {
    const { members, admin } = await corps(ZELE, ['+32470920001', '+32470920002']);
    const before = (await smsTo(ON_DUTY.phone)).length;

    const launched = await launch(admin, ZELE, { exercise: true, dry: true });
    expect(launched.status).toBe(202);
    const id = launched.body.id as string;
    const outbox = await eventually(async () => {
      await t.runtime.queue.drain();
      const page = await t.call('GET', `/help-requests/${id}/outbox`, { token: admin });
      return page.body.sms.length >= 3 ? page.body.sms : undefined;
    });

    expect(outbox).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'coordinator', to: maskPhone(ON_DUTY.phone), parts: 1 }),
        ...members.map((m) =>
          expect.objectContaining({ kind: 'alert', recipient: m.id, to: maskPhone(m.phone), parts: 1 }),
        ),
      ]),
    );
    for (const sms of outbox) expect(sms.body).toMatch(/^OEFENING - /);
    expect(JSON.stringify(outbox)).not.toContain(members[0]!.phone);
    expect(await smsTo(ON_DUTY.phone)).toHaveLength(before);
    for (const m of members) expect(await smsTo(m.phone)).toEqual([]);
    const view = await t.call('GET', `/help-requests/${id}`, { token: admin });
    expect(view.body.counts).toMatchObject({ alerted: 2 });

    expect((await t.call('POST', `/help-requests/${id}/close`, { token: coordinator })).status).toBe(200);
    expect((await report()).find((m) => m.nis === ZELE)!.exercises).toMatchObject({ held: 1, dry: 1 });
  });

  it('refuses the options of a drill on a real request, and a provider not of the charter', async () => {
    const dry = await launch(coordinator, DENDERMONDE, { channel: 'phone', dry: true });
    expect(dry.status).toBe(400);
    expect(dry.body.issues).toEqual([{ path: 'dry', message: expect.stringContaining('"exercise": true') }]);

    const unknown = await launch(coordinator, DENDERMONDE, { exercise: true, trainingProvider: 'nobody' });
    expect(unknown.status).toBe(422);
    expect(unknown.body.rule).toBe('unknown-training-provider');
  });
});
