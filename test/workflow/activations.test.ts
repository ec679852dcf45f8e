import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STEP_RETRIES } from '../../infra/stacks/workflow-stack';
import type { InMemoryMetrics } from '../../local/runtime/in-memory-metrics';
import { eventually, startTestRuntime } from '../support/local-runtime';

/**
 * Activations by hand on the synthesized activation state machine, run by the local engine with the real task
 * handlers and DynamoDB Local: the call answers 202 at once, each corps is mobilised by its own branch of a Map,
 * a corps that fails is retried, and one that still fails leaves the others alerted.
 */
const MECHELEN = '12025';
const [LIER, BONHEIDEN, DUFFEL, PUTTE] = ['12021', '12005', '12009', '12029'];
const phonesOf = (corps: string) => [`+3247${corps}01`, `+3247${corps}02`];

describe('an activation by hand', () => {
  let t: Awaited<ReturnType<typeof startTestRuntime>>;
  let coordinator: string;
  let id: string;
  const metrics = () => t.runtime.ports.metrics as InMemoryMetrics;

  beforeAll(async () => {
    // Retried steps wait 20 ms instead of seconds.
    t = await startTestRuntime({
      retryDelayMs: 20,
      timing: { ackTimeoutSeconds: 600, responseWindowSeconds: 600, aftercareWindowSeconds: 1 },
    });
    coordinator = await t.token({ roles: ['coordinator'] });
    await t.call('PUT', '/duty-roster', {
      token: coordinator,
      body: { onDuty: { name: 'Van dienst', phone: '+32499100001' } },
    });
    for (const corps of [MECHELEN, LIER, BONHEIDEN, DUFFEL, PUTTE]) {
      await t.call('PUT', `/municipalities/${corps}`, { token: coordinator, body: {} });
      if (corps === MECHELEN) continue;
      for (const phone of phonesOf(corps)) {
        const registered = await t.call('POST', `/municipalities/${corps}/volunteers`, {
          token: coordinator,
          body: { name: 'Lid', birthDate: '1988-08-08', phone },
        });
        expect(registered.status).toBe(201);
      }
    }
    const launched = await t.call('POST', '/help-requests', {
      token: coordinator,
      body: {
        municipality: MECHELEN,
        channel: 'phone',
        title: 'Dijkbreuk Nete',
        needs: [{ task: 'logistics', volunteers: 40 }],
        location: { postcode: '2800' },
        allowWidening: false,
      },
    });
    id = launched.body.id;
  });
  afterAll(async () => {
    await t?.runtime.stop();
  });

  const alerted = async (corps: string) => {
    await t.runtime.queue.drain();
    return phonesOf(corps).filter((phone) => t.runtime.outbox.sentTo(phone).length > 0);
  };

  it('mobilises each corps on its own: one that keeps failing is retried, recorded and counted, the others are alerted', async () => {
    // Duffel's branch fails twice and then succeeds; Putte's fails every time.
    let duffelFailures = 0;
    t.runtime.activations.failTask('MobiliseMunicipality', Number.POSITIVE_INFINITY, undefined, (input) => {
      const corps = (input as { municipality?: string }).municipality;
      if (corps === DUFFEL && duffelFailures < 2) return ++duffelFailures > 0;
      return corps === PUTTE;
    });
    const activated = await t.call('POST', `/help-requests/${id}/activations`, {
      token: coordinator,
      body: { scope: 'municipalities', municipalities: [LIER, BONHEIDEN, DUFFEL, PUTTE] },
    });
    expect(activated.status).toBe(202);
    expect(activated.body).toEqual({
      activationId: expect.stringMatching(/^[0-9A-Z]{26}$/),
      scope: [MECHELEN, LIER, BONHEIDEN, DUFFEL, PUTTE],
      added: [LIER, BONHEIDEN, DUFFEL, PUTTE],
    });

    const activation = await eventually(async () => {
      const view = await t.call('GET', `/help-requests/${id}`, { token: coordinator });
      const found = view.body.activations[0];
      return found?.status === 'running' ? undefined : found;
    });
    expect(activation).toMatchObject({
      id: activated.body.activationId,
      scope: 'municipalities',
      status: 'partial',
      municipalities: { total: 4, done: 3, failed: [PUTTE] },
      alerted: 6,
    });
    expect(await alerted(LIER)).toHaveLength(2);
    expect(await alerted(BONHEIDEN)).toHaveLength(2);
    expect(await alerted(DUFFEL)).toHaveLength(2);
    expect(await alerted(PUTTE)).toHaveLength(0);
    const execution = t.runtime.activations.executions.get(activated.body.activationId)!;
    await execution.done;
    expect(execution.status).toBe('SUCCEEDED');
    // Lier and Bonheiden once; Duffel twice failed, then done; Putte its first attempt and every retry.
    expect(execution.tasks.filter((task) => task === 'MobiliseMunicipality')).toHaveLength(
      1 + 1 + 3 + (1 + STEP_RETRIES),
    );
    expect(metrics().values('ActivationCorpsFailed')).toEqual([1]);
    const timeline = (await t.call('GET', `/help-requests/${id}`, { token: coordinator })).body.timeline;
    expect(timeline.filter((e: { type: string }) => e.type === 'activation-finished')).toEqual([
      expect.objectContaining({
        activationId: activated.body.activationId,
        municipalities: 4,
        failed: [PUTTE],
      }),
    ]);
  });
});
