import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startTestRuntime } from '../support/local-runtime';

const HASSELT = '71072';
const GENK = '71016';
const LEUVEN = '24062';
const GENK_PHONE = '+32476300001';
const LEUVEN_PHONE = '+32476300002';

describe('widening a help request by hand', () => {
  let t: Awaited<ReturnType<typeof startTestRuntime>>;
  let coordinator: string;
  let id: string;

  beforeAll(async () => {
    t = await startTestRuntime({
      timing: { ackTimeoutSeconds: 60, responseWindowSeconds: 60, aftercareWindowSeconds: 1 },
    });
    coordinator = await t.token({ roles: ['coordinator'] });
    // A request taken by phone needs a coordinator on duty.
    await t.call('PUT', '/duty-roster', {
      token: coordinator,
      body: { onDuty: { name: 'Van dienst', phone: '+32499100001' } },
    });
    for (const [nis, phone] of [
      [HASSELT, undefined],
      [GENK, GENK_PHONE],
      [LEUVEN, LEUVEN_PHONE],
    ] as const) {
      await t.call('PUT', `/municipalities/${nis}`, { token: coordinator, body: {} });
      if (phone) {
        await t.call('POST', `/municipalities/${nis}/volunteers`, {
          token: coordinator,
          // Operational tasks need a current first-aid qualification.
          body: {
            name: 'Lid',
            birthDate: '1988-08-08',
            phone,
            priorFirstAidCertificate: { date: new Date().toISOString().slice(0, 10) },
          },
        });
      }
    }
    const launched = await t.call('POST', '/help-requests', {
      token: coordinator,
      body: {
        municipality: HASSELT,
        channel: 'phone',
        title: 'Provinciale fase: overstromingen',
        needs: [{ task: 'operational', volunteers: 20 }],
        location: { postcode: '3500' },
      },
    });
    id = launched.body.id;
  });
  afterAll(async () => {
    await t.runtime.stop();
  });

  it.each(['province', 'flanders'])(
    'refuses a %s-wide activation that names no declared phase with 422 declared-phase-required, alerting nobody',
    async (scope) => {
      const crisis = await t.token({ roles: ['crisis-centre'] });
      const refused = await t.call('POST', `/help-requests/${id}/activations`, {
        token: crisis,
        body: { scope },
      });
      expect(refused).toMatchObject({ status: 422, body: { rule: 'declared-phase-required' } });
      expect(t.runtime.outbox.sentTo(GENK_PHONE)).toHaveLength(0);
    },
  );

  /** The activation as the request shows it, once its execution has finished. */
  const finished = (activationId: string) =>
    eventually(async () => {
      const view = await t.call('GET', `/help-requests/${id}`, { token: coordinator });
      const activation = view.body.activations.find((a: { id: string }) => a.id === activationId);
      return activation?.status === 'running' ? undefined : { view, activation };
    });

  it('lets the crisis centre activate the whole province: 202 at once, its corps mobilised in the background, other provinces not', async () => {
    const crisis = await t.token({ roles: ['crisis-centre'] });
    const activated = await t.call('POST', `/help-requests/${id}/activations`, {
      token: crisis,
      body: { scope: 'province', phaseReference: 'GOUV-LIM-2026-007' },
    });
    expect(activated.status).toBe(202);
    expect(activated.body.activationId).toMatch(/^[0-9A-Z]{26}$/);
    expect(activated.body.added).toContain(GENK);
    expect(activated.body.added).not.toContain(LEUVEN);
    const { activation } = await finished(activated.body.activationId);
    expect(activation).toMatchObject({
      scope: 'province',
      phaseReference: 'GOUV-LIM-2026-007',
      status: 'done',
      municipalities: { total: activated.body.added.length, done: activated.body.added.length, failed: [] },
      alerted: 1,
    });
    await t.runtime.queue.drain();
    expect(t.runtime.outbox.sentTo(GENK_PHONE)).toHaveLength(1);
    expect(t.runtime.outbox.sentTo(LEUVEN_PHONE)).toHaveLength(0);
  });

  it('never alerts a volunteer twice when the scope widens again, to all of Flanders', async () => {
    const before = await t.call('GET', `/help-requests/${id}`, { token: coordinator });
    const activated: string[] = before.body.scope;
    const again = await t.call('POST', `/help-requests/${id}/activations`, {
      token: coordinator,
      body: { scope: 'flanders', phaseReference: 'NCCN-2026-003' },
    });
    expect(again.status).toBe(202);
    expect(again.body.scope).toHaveLength(285);
    const { view, activation } = await finished(again.body.activationId);
    // Limburg's corps are in scope already: Flanders adds the rest, and of them only Leuven has a member.
    expect(again.body.added).toHaveLength(285 - activated.length);
    expect(activation).toMatchObject({
      status: 'done',
      alerted: 1,
      municipalities: { total: again.body.added.length, done: again.body.added.length, failed: [] },
    });
    await t.runtime.queue.drain();
    expect(t.runtime.outbox.sentTo(GENK_PHONE)).toHaveLength(1);
    expect(t.runtime.outbox.sentTo(LEUVEN_PHONE)).toHaveLength(1);
    expect(view.body.counts.alerted).toBe(2);
    expect(
      view.body.timeline
        .filter((e: { type: string }) => e.type === 'widened')
        .map((e: { reason: string }) => e.reason),
    ).toEqual(['province', 'flanders']);
  });

  it('answers a repeated activation with the scope and no new activation: nothing is added twice', async () => {
    const repeated = await t.call('POST', `/help-requests/${id}/activations`, {
      token: coordinator,
      body: { scope: 'flanders', phaseReference: 'NCCN-2026-003' },
    });
    expect(repeated.status).toBe(202);
    expect(repeated.body).toEqual({ scope: expect.any(Array), added: [] });
    const view = await t.call('GET', `/help-requests/${id}`, { token: coordinator });
    expect(view.body.activations).toHaveLength(2);
  });

  it('refuses named municipalities that are not on the official list, and any activation of a closed request', async () => {
    const unknown = await t.call('POST', `/help-requests/${id}/activations`, {
      token: coordinator,
      body: { scope: 'municipalities', municipalities: ['99999'] },
    });
    expect(unknown).toMatchObject({ status: 422, body: { rule: 'unknown-municipality' } });
    await t.call('POST', `/help-requests/${id}/close`, { token: coordinator });
    const closed = await t.call('POST', `/help-requests/${id}/activations`, {
      token: coordinator,
      body: { scope: 'neighbours' },
    });
    expect(closed.status).toBe(409);
  });
});
