import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STEP_RETRIES } from '../../infra/stacks/workflow-stack';
import type { InMemoryMetrics } from '../../local/runtime/in-memory-metrics';
import type { HelpRequest } from '../../shared/schemas/help-request';
import type { SmsJob } from '../../shared/schemas/sms-job';
import { checkIn, checkOut } from '../../shared/services/deployments';
import { closeHelpRequest, launchHelpRequest } from '../../shared/services/help-requests';
import { openSpontaneousCall, registerSpontaneousVolunteer } from '../../shared/services/spontaneous';
import { HelpRequestRepository } from '../../shared/store/help-request-repository';
import { aHelpRequest } from '../builders/help-request-record';
import { aSpontaneousRegistration } from '../builders/spontaneous';
import { aVolunteer } from '../builders/volunteer';
import { eventually, startTestRuntime, until } from '../support/local-runtime';

/**
 * The lifecycle as `cdk synth` defines it, run by aws-local-stepfunctions with the real task handlers and
 * DynamoDB Local; only the SMS provider is the local outbox.
 */
describe('the synthesized lifecycle state machine', () => {
  let t: Awaited<ReturnType<typeof startTestRuntime>>;
  const coordinator = { sub: 'coordinator-1', roles: ['coordinator' as const] };
  const COORDINATOR = coordinator;
  let phoneSeq = 0;
  const ON_DUTY = '+32499100001';
  const BACKUP = '+32499100002';
  const metrics = () => t.runtime.ports.metrics as InMemoryMetrics;

  beforeAll(async () => {
    // Failed steps are retried after 20 ms instead of seconds; the purge's hour-long retry wait takes 50 ms.
    t = await startTestRuntime({ retryDelayMs: 20, waitMs: { PurgeRetryWait: 50 } });
    // A phone request is refused while nobody is on duty.
    await t.runtime.ports.dutyRoster.put(
      { onDuty: { name: 'Van dienst', phone: ON_DUTY }, backups: [{ name: 'Back-up', phone: BACKUP }] },
      COORDINATOR,
      new Date().toISOString(),
    );
    await t.runtime.ports.municipalities.put(
      {
        nis: '23088',
        name: 'Vilvoorde',
        nameFr: 'Vilvorde',
        arrondissement: 'Halle-Vilvoorde',
        province: 'Vlaams-Brabant',
        neighbours: [],
        joinedAt: '2026-01-01T00:00:00Z',
        updatedAt: '2026-01-01T00:00:00Z',
      },
      undefined,
      COORDINATOR,
    );
  });
  afterAll(async () => {
    await t.runtime.stop();
  });

  const registerVolunteer = async () => {
    const phone = `+3247${String(1_000_000 + ++phoneSeq).slice(1)}0`;
    await t.runtime.ports.volunteers.registerMembers(
      '23088',
      [
        aVolunteer({
          id: t.runtime.ports.newId(),
          municipality: '23088',
          phone,
          registeredAt: new Date().toISOString(),
        }),
      ],
      COORDINATOR,
    );
    return phone;
  };

  const launch = (title = 'Stroomuitval woonzorgcentrum') =>
    launchHelpRequest(t.runtime.ports, coordinator, {
      municipality: '23088',
      title,
      channel: 'phone',
      needs: [{ task: 'logistics', volunteers: 2, adultsOnly: false }],
      location: { postcode: '1800' },
      allowWidening: true,
      spontaneousCallAllowed: false,
    });

  /** The tasks of the volunteer side; the coordinator alert runs beside them and is tested on its own. */
  const volunteerTasks = (tasks: string[]) =>
    tasks.filter((task) => !['AlertCoordinator', 'RosterExhausted', 'AwaitResponses'].includes(task));

  /** A Vilvoorde request stored as the launch would, whose lifecycle the test starts itself. */
  const storeRequestWithoutLifecycle = async (title: string, overrides: Partial<HelpRequest> = {}) => {
    const request = aHelpRequest({
      ...overrides,
      municipality: '23088',
      municipalityName: 'Vilvoorde',
      scope: ['23088'],
      title,
      channel: 'phone',
      needs: [{ task: 'logistics', volunteers: 1, adultsOnly: false }],
      location: { postcode: '1800' },
      allowWidening: false,
      createdAt: new Date().toISOString(),
    });
    await t.runtime.ports.helpRequests.create(request);
    return request;
  };

  const settle = async (id: string) => {
    await t.runtime.workflow.executions.get(id)!.done;
    await t.runtime.queue.drain();
    return t.runtime.workflow.executions.get(id)!;
  };

  const waitForParkedToken = async (id: string) => {
    for (let i = 0; i < 200 && !(await t.runtime.ports.helpRequests.closeToken(id)); i++) {
      await new Promise((r) => setTimeout(r, 25));
    }
  };

  it('runs Mobilise, waits in AwaitClose until the close, then stands down, purges and succeeds', async () => {
    const phone = await registerVolunteer();
    const request = await launch();
    await waitForParkedToken(request.id);
    expect(t.runtime.workflow.executions.get(request.id)?.status).toBe('RUNNING');

    await t.runtime.ports.alerts.recordAnswer(
      (await t.runtime.ports.alerts.listForRequest(request.id))[0]!,
      'accepted',
      new Date().toISOString(),
      undefined,
    );
    await t.call('POST', `/help-requests/${request.id}/close`, {
      token: await t.token({ roles: ['coordinator'] }),
    });

    const execution = await settle(request.id);
    expect(execution.status).toBe('SUCCEEDED');
    expect(volunteerTasks(execution.tasks)).toEqual([
      'Mobilise',
      'EvaluateResponses',
      'ShortfallAlert',
      'AwaitClose',
      'StandDown',
      'PurgeAdHocData',
    ]);
    expect(t.runtime.outbox.sentTo(phone).map((m) => m.body.slice(0, 30))).toEqual([
      'Rode Kruis: hulpvraag Vilvoord',
      'Rode Kruis: de hulpvraag in Vi',
    ]);
  });

  it('reports the shortfall when nobody answers and there is no corps to widen to, then stands nobody down', async () => {
    const phone = await registerVolunteer();
    const request = await launch();
    await waitForParkedToken(request.id);

    expect(
      (await t.runtime.ports.helpRequests.timeline(request.id)).find((e) => e.type === 'shortfall'),
    ).toMatchObject({ needed: 2, accepted: 0 });
    await closeHelpRequest(t.runtime.ports, coordinator, request.id);
    const execution = await settle(request.id);
    expect(execution.status).toBe('SUCCEEDED');
    expect(volunteerTasks(execution.tasks)).toEqual([
      'Mobilise',
      'EvaluateResponses',
      'ShortfallAlert',
      'AwaitClose',
      'StandDown',
      'PurgeAdHocData',
    ]);
    expect(t.runtime.outbox.sentTo(phone).map((m) => m.body.slice(0, 30))).toEqual([
      'Rode Kruis: hulpvraag Vilvoord',
    ]);
  });

  it('counts a redelivered reply once, lets an older answer lose, and answers unreadable and late replies once', async () => {
    const phone = await registerVolunteer();
    const request = await launch();
    const alert = await eventually(async () => {
      await t.runtime.queue.drain();
      return t.runtime.outbox.sentTo(phone)[0];
    });
    const code = /JA (\d{4})/.exec(alert.body)![1];
    const bodies = () => t.runtime.outbox.sentTo(phone).map((m) => m.body);

    const answeredAt = new Date();
    const yes = await t.runtime.inbound(phone, `JA ${code}`, { at: answeredAt });
    await t.runtime.inbound(phone, `JA ${code}`, { inboundMessageId: yes, at: answeredAt });
    // A NEE sent a second before the JA reaches the tool after it: the later answer stands.
    await t.runtime.inbound(phone, `NEE ${code}`, { at: new Date(answeredAt.getTime() - 1000) });
    const unreadable = await t.runtime.inbound(phone, 'wie, wat, waar?');
    await t.runtime.inbound(phone, 'wie, wat, waar?', { inboundMessageId: unreadable });

    expect((await t.runtime.ports.helpRequests.get(request.id))?.counts).toMatchObject({
      accepted: 1,
      declined: 0,
    });
    const answers = (await t.runtime.ports.helpRequests.timeline(request.id)).filter((e) =>
      e.type.startsWith('alert-'),
    );
    expect(answers.map((e) => e.type)).toEqual(['alert-accepted']);
    expect(bodies().filter((b) => b.includes('STOP'))).toHaveLength(1);

    await closeHelpRequest(t.runtime.ports, coordinator, request.id);
    expect((await settle(request.id)).status).toBe('SUCCEEDED');
    const late = await t.runtime.inbound(phone, `NEE ${code}`);
    await t.runtime.inbound(phone, `NEE ${code}`, { inboundMessageId: late });

    expect((await t.runtime.ports.helpRequests.get(request.id))?.counts).toMatchObject({
      accepted: 1,
      declined: 0,
    });
    expect(bodies().filter((b) => b.includes('al afgesloten'))).toHaveLength(1);
    expect(bodies().filter((b) => b.includes('is afgesloten. Bedankt'))).toHaveLength(1);
    // The yes is confirmed once, however often it was delivered.
    expect(bodies().filter((b) => b.startsWith('Rode Kruis: bedankt, je helpt bij'))).toHaveLength(1);
    expect(bodies()).toHaveLength(5);
  });

  it('does not wait for a close that came before AwaitClose, and alerts nobody for a closed request', async () => {
    const phone = await registerVolunteer();
    const request = await storeRequestWithoutLifecycle('Al afgesloten');
    await t.runtime.ports.helpRequests.close(request.id, 'coordinator-1', new Date().toISOString());

    await t.runtime.workflow.start({ requestId: request.id, timing: t.runtime.ports.timing });
    const execution = await settle(request.id);

    expect(execution.status).toBe('SUCCEEDED');
    expect(volunteerTasks(execution.tasks)).toEqual([
      'Mobilise',
      'EvaluateResponses',
      'AwaitClose',
      'StandDown',
      'PurgeAdHocData',
    ]);
    expect(execution.output).toMatchObject({ close: { alreadyClosed: true } });
    expect(t.runtime.outbox.sentTo(phone)).toEqual([]);
  });

  it('stands down at once when the request closes during a long response window', async () => {
    const phone = await registerVolunteer();
    const request = await storeRequestWithoutLifecycle('Lang antwoordvenster');
    // A ten-minute window and acknowledgement time: only the close can end this run within the test.
    await t.runtime.workflow.start({
      requestId: request.id,
      timing: { ackTimeoutSeconds: 600, responseWindowSeconds: 600, aftercareWindowSeconds: 1 },
    });
    const volunteerId = await t.runtime.ports.volunteers.findIdByPhone(phone);
    const alert = await eventually(async () => {
      await t.runtime.queue.drain();
      return (await t.runtime.ports.alerts.listForRequest(request.id)).find(
        (a) => a.volunteerId === volunteerId,
      );
    });
    await t.runtime.ports.alerts.recordAnswer(alert, 'accepted', new Date().toISOString(), undefined);
    await eventually(
      async () => (await t.runtime.ports.helpRequests.pendingTokens(request.id)).responseToken,
    );

    const closedAt = Date.now();
    await closeHelpRequest(t.runtime.ports, coordinator, request.id);
    const execution = await settle(request.id);

    expect(execution.status).toBe('SUCCEEDED');
    expect(Date.now() - closedAt).toBeLessThan(5_000);
    expect(execution.tasks.filter((task) => task !== 'AlertCoordinator')).toEqual([
      'Mobilise',
      'AwaitResponses',
      'EvaluateResponses',
      'AwaitClose',
      'StandDown',
      'PurgeAdHocData',
    ]);
    expect(t.runtime.outbox.sentTo(phone).map((m) => m.body.slice(0, 27))).toEqual([
      'Rode Kruis: hulpvraag Vilvo',
      'Rode Kruis: de hulpvraag in',
    ]);
  });

  it('purges the spontaneous volunteers only once the aftercare window after the stand-down has passed', async () => {
    const request = await storeRequestWithoutLifecycle('Zandzakken vullen', { spontaneousCallAllowed: true });
    await t.runtime.workflow.start({
      requestId: request.id,
      timing: { ackTimeoutSeconds: 600, responseWindowSeconds: 600, aftercareWindowSeconds: 2 },
    });
    const { call } = await openSpontaneousCall(t.runtime.ports, coordinator, request.id, 'http://localhost');
    const citizen = aSpontaneousRegistration({ phone: '+32470999111' });
    const { registration } = await registerSpontaneousVolunteer(t.runtime.ports, call.code, citizen);
    await t.runtime.queue.drain();
    expect(t.runtime.outbox.sentTo(citizen.phone)).toHaveLength(1);

    const closedAt = Date.now();
    await closeHelpRequest(t.runtime.ports, coordinator, request.id);
    const execution = t.runtime.workflow.executions.get(request.id)!;
    await until(() => execution.tasks.includes('StandDown'));

    // In the aftercare window: stood down, still stored, no receipt yet.
    expect(execution.tasks).not.toContain('PurgeAdHocData');
    expect(await t.runtime.ports.adHoc.get(request.id, registration.id)).toBeDefined();
    expect(await t.runtime.ports.adHoc.receipt(request.id)).toBeUndefined();

    await settle(request.id);
    expect(execution.status).toBe('SUCCEEDED');
    expect(Date.now() - closedAt).toBeGreaterThanOrEqual(2_000);
    expect(execution.tasks.slice(-2)).toEqual(['StandDown', 'PurgeAdHocData']);
    expect(await t.runtime.ports.adHoc.get(request.id, registration.id)).toBeUndefined();
    expect(t.runtime.outbox.sentTo(citizen.phone)).toEqual([]);
    expect(await t.runtime.ports.adHoc.receipt(request.id)).toMatchObject({
      totals: { registered: 1 },
      deleted: { registrations: 1, alerts: 1, smsTraces: 1 },
    });
  });

  it('sends every alert once when the SMS provider fails twice before it accepts', async () => {
    const phone = await registerVolunteer();
    t.runtime.outbox.failNext = {
      count: 2,
      error: Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' }),
    };
    const request = await launch();
    await waitForParkedToken(request.id);
    await t.runtime.queue.drain();
    expect(t.runtime.outbox.failNext.count).toBe(0);
    expect(t.runtime.outbox.sentTo(phone)).toHaveLength(1);
    expect(t.runtime.queue.deadLetters).toEqual([]);
    await t.runtime.ports.helpRequests.close(request.id, 'coordinator-1', new Date().toISOString());
    await t.runtime.workflow.resume((await t.runtime.ports.helpRequests.closeToken(request.id))!, {});
    expect((await settle(request.id)).status).toBe('SUCCEEDED');
  });

  it('loses no SMS and sends none twice when Mobilise crashes after writing the alerts', async () => {
    const phone = await registerVolunteer();
    const enqueue = t.runtime.queue.enqueue.bind(t.runtime.queue);
    let crashes = 0;
    t.runtime.queue.enqueue = async (jobs: SmsJob[]) => {
      // Only Mobilise's publishing: the coordinator's SMS goes out beside it.
      if (!jobs.some((job) => job.kind === 'alert')) return enqueue(jobs);
      if (crashes++ === 0) throw new Error('Lambda crashed between writing alerts and publishing them');
      // Redelivery of what was published: the dispatcher must drop the duplicates.
      await enqueue([...jobs, ...jobs]);
    };
    try {
      const request = await launch();
      await waitForParkedToken(request.id);
      await t.runtime.queue.drain();
      expect(crashes).toBe(2);
      expect(volunteerTasks(t.runtime.workflow.executions.get(request.id)!.tasks)).toEqual([
        'Mobilise',
        'Mobilise',
        'EvaluateResponses',
        'ShortfallAlert',
        'AwaitClose',
      ]);
      expect(t.runtime.outbox.sentTo(phone)).toHaveLength(1);
      const view = await t.runtime.ports.helpRequests.get(request.id);
      expect(view?.counts.alerted).toBe((await t.runtime.ports.alerts.listForRequest(request.id)).length);
    } finally {
      t.runtime.queue.enqueue = enqueue;
    }
  });

  it('repairs the alerted count when Mobilise crashes between writing the alerts and counting them', async () => {
    await registerVolunteer();
    // On the class: every function has repositories of its own, built from its own environment.
    const raise = HelpRequestRepository.prototype.raiseAlerted;
    let crashes = 0;
    HelpRequestRepository.prototype.raiseAlerted = async function (this: HelpRequestRepository, id, count) {
      if (crashes++ === 0) throw new Error('Lambda crashed after writing the alerts');
      await raise.call(this, id, count);
    };
    try {
      const request = await launch();
      await waitForParkedToken(request.id);

      expect(volunteerTasks(t.runtime.workflow.executions.get(request.id)!.tasks).slice(0, 2)).toEqual([
        'Mobilise',
        'Mobilise',
      ]);
      const alerted = (await t.runtime.ports.alerts.listForRequest(request.id)).length;
      expect(alerted).toBeGreaterThan(0);
      expect((await t.runtime.ports.helpRequests.get(request.id))?.counts.alerted).toBe(alerted);
    } finally {
      HelpRequestRepository.prototype.raiseAlerted = raise;
    }
  });

  describe('coordinator alerting', () => {
    /** What reached a coordinator and was not in `seen`, in the order it was sent. */
    const since = (seen: ReadonlySet<unknown>) =>
      t.runtime.outbox.entries.filter(
        (m) => (m.to === ON_DUTY || m.to === BACKUP) && !m.body.includes('tekort') && !seen.has(m),
      );
    const sentToCoordinators = () => since(new Set());

    const closeAndSettle = async (id: string) => {
      await t.call('POST', `/help-requests/${id}/close`, {
        token: await t.token({ roles: ['coordinator'] }),
      });
      return settle(id);
    };

    it('alerts the backup when nobody acknowledges, goes round the roster once more, then tells the crisis centre once', async () => {
      // A title of its own: earlier tests' requests may still be escalating to the same roster meanwhile.
      const title = 'Liftpanne blok C';
      const ofThisRequest = (m: { body: string }) => m.body.includes(title);
      const seen = new Set(sentToCoordinators());
      const crisisCentreSms = () =>
        t.runtime.outbox.entries.filter(
          (m) => m.to === t.runtime.ports.crisisCentrePhone && ofThisRequest(m),
        );
      const exhaustedBefore = metrics().values('CoordinatorRosterExhausted').length;
      const request = await launch(title);
      const execution = t.runtime.workflow.executions.get(request.id)!;
      // ack timeout is 1 s in the test runtime: on duty, back-up, on duty, back-up, then the crisis centre.
      const unreachable = await eventually(
        async () =>
          (await t.runtime.ports.helpRequests.timeline(request.id)).find(
            (e) => e.type === 'coordinator-unreachable',
          ),
        10_000,
      );
      await t.runtime.queue.drain();

      const alerts = since(seen).filter(ofThisRequest);
      expect(alerts.map((m) => m.to)).toEqual([ON_DUTY, BACKUP, ON_DUTY, BACKUP]);
      expect(alerts[1]!.body).toContain('(back-up 1)');
      const timeline = await t.runtime.ports.helpRequests.timeline(request.id);
      expect(
        timeline.filter((e) => e.type === 'coordinator-alerted').map((e) => [e.level, e.round ?? 1]),
      ).toEqual([
        [0, 1],
        [1, 1],
        [0, 2],
        [1, 2],
      ]);
      expect(unreachable).toMatchObject({ levels: 2, rounds: 2 });
      const toCrisisCentre = crisisCentreSms();
      expect(toCrisisCentre).toHaveLength(1);
      expect(toCrisisCentre[0]!.body).toContain('Vilvoorde');
      expect(toCrisisCentre[0]!.body).not.toMatch(/\+32/);
      expect(metrics().values('CoordinatorRosterExhausted').slice(exhaustedBefore)).toContain(1);
      // Two levels in each of two rounds, and the call past the last level that ends each round.
      expect(execution.tasks.filter((task) => task === 'AlertCoordinator')).toHaveLength(6);
      expect(execution.tasks.filter((task) => task === 'RosterExhausted')).toHaveLength(1);
      expect((await closeAndSettle(request.id)).status).toBe('SUCCEEDED');
    });

    it('stops the escalation when the on-duty coordinator acknowledges', async () => {
      const seen = new Set(sentToCoordinators());
      // Three seconds to acknowledge, so a busy machine answers in time; the backup would be alerted right after.
      const request = await storeRequestWithoutLifecycle('Bevestigd');
      await t.runtime.workflow.start({
        requestId: request.id,
        timing: { ackTimeoutSeconds: 3, responseWindowSeconds: 1, aftercareWindowSeconds: 1 },
      });
      for (let i = 0; i < 100 && since(seen).length === 0; i++) {
        await t.runtime.queue.drain();
        await new Promise((r) => setTimeout(r, 20));
      }
      const ack = await t.call('POST', `/help-requests/${request.id}/acknowledge`, {
        token: await t.token({ roles: ['coordinator'], sub: 'van-dienst' }),
      });
      expect(ack.status).toBe(200);
      await new Promise((r) => setTimeout(r, 3500));
      await t.runtime.queue.drain();

      expect(since(seen).map((m) => m.to)).toEqual([ON_DUTY]);
      const execution = t.runtime.workflow.executions.get(request.id)!;
      expect(execution.tasks.filter((task) => task === 'AlertCoordinator')).toHaveLength(1);
      const again = await t.call('POST', `/help-requests/${request.id}/acknowledge`, {
        token: await t.token({ roles: ['coordinator'] }),
      });
      expect(again.status).toBe(409);
      expect((await closeAndSettle(request.id)).status).toBe('SUCCEEDED');
    });
  });

  describe('a step that fails for good', () => {
    const lifecycleFailureSms = (seen: ReadonlySet<unknown>) =>
      t.runtime.outbox.entries.filter((m) => m.to === ON_DUTY && m.body.includes('storing') && !seen.has(m));

    /** A request with a spontaneous volunteer registered, so the purge has someone to delete. */
    const requestWithSpontaneousVolunteer = async (title: string) => {
      const request = await storeRequestWithoutLifecycle(title, { spontaneousCallAllowed: true });
      const { call } = await openSpontaneousCall(
        t.runtime.ports,
        coordinator,
        request.id,
        'http://localhost',
      );
      const citizen = aSpontaneousRegistration({ phone: `+3247099${String(++phoneSeq).padStart(4, '0')}` });
      const { registration } = await registerSpontaneousVolunteer(t.runtime.ports, call.code, citizen);
      return { request, registration };
    };

    /** Starts the lifecycle with `state` failing on every attempt; closes the request once it waits for that. */
    const runWithFailing = async (state: string, title: string) => {
      const { request, registration } = await requestWithSpontaneousVolunteer(title);
      t.runtime.workflow.failTask(state, 1_000);
      try {
        await t.runtime.workflow.start({
          requestId: request.id,
          timing: { ackTimeoutSeconds: 1, responseWindowSeconds: 1, aftercareWindowSeconds: 1 },
        });
        const execution = t.runtime.workflow.executions.get(request.id)!;
        if (state !== 'AwaitClose') {
          await until(async () => Boolean(await t.runtime.ports.helpRequests.closeToken(request.id)));
          await closeHelpRequest(t.runtime.ports, coordinator, request.id);
        }
        await settle(request.id);
        return { request, registration, execution };
      } finally {
        t.runtime.workflow.faults.delete(state);
      }
    };

    it.each([
      ['Mobilise', 'continues'],
      ['EvaluateResponses', 'continues'],
      ['AwaitResponses', 'continues'],
      ['AlertCoordinator', 'continues'],
      ['RosterExhausted', 'continues'],
      ['ShortfallAlert', 'continues'],
      ['AwaitClose', 'closed'],
      ['StandDown', 'not-stood-down'],
    ])(
      'recovers from %s failing on every attempt: tells the coordinator once, still purges and succeeds',
      async (state, outcome) => {
        const seen = new Set(t.runtime.outbox.entries);
        const failuresBefore = metrics().values('LifecycleStepFailures').length;

        const { request, registration, execution } = await runWithFailing(state, `Storing in ${state}`);

        expect(execution.status).toBe('SUCCEEDED');
        expect(execution.tasks.slice(-1)).toEqual(['PurgeAdHocData']);
        expect(await t.runtime.ports.adHoc.get(request.id, registration.id)).toBeUndefined();
        expect(await t.runtime.ports.adHoc.receipt(request.id)).toMatchObject({
          totals: { registered: 1 },
          deleted: { registrations: 1 },
        });
        const stored = await t.runtime.ports.helpRequests.get(request.id);
        expect(stored?.status).toBe('closed');
        const failures = (await t.runtime.ports.helpRequests.timeline(request.id)).filter(
          (e) => e.type === 'lifecycle-failed',
        );
        expect(failures).toEqual([
          expect.objectContaining({
            state: state === 'StandDown' || state === 'AwaitClose' ? state : 'AlertAndMobilise',
            error: 'InjectedFault',
            outcome,
          }),
        ]);
        await t.runtime.queue.drain();
        expect(lifecycleFailureSms(seen)).toHaveLength(1);
        expect(metrics().values('LifecycleStepFailures').slice(failuresBefore)).toEqual([1]);
      },
    );

    it('closes a request whose close can no longer be awaited, and stands down the volunteers who said yes', async () => {
      const phone = await registerVolunteer();
      const volunteerId = await t.runtime.ports.volunteers.findIdByPhone(phone);
      const request = await storeRequestWithoutLifecycle('Sluiten onmogelijk');
      t.runtime.workflow.failTask('AwaitClose', 1_000);
      try {
        await t.runtime.workflow.start({
          requestId: request.id,
          timing: { ackTimeoutSeconds: 1, responseWindowSeconds: 1, aftercareWindowSeconds: 1 },
        });
        // The coordinator's escalation (two rounds of one second a level) keeps the Parallel open meanwhile.
        const alert = await eventually(async () =>
          (await t.runtime.ports.alerts.listForRequest(request.id)).find(
            (a) => a.volunteerId === volunteerId,
          ),
        );
        await t.runtime.ports.alerts.recordAnswer(alert, 'accepted', new Date().toISOString(), undefined);
        const execution = await settle(request.id);

        expect(execution.status).toBe('SUCCEEDED');
        expect(execution.tasks.slice(-4)).toEqual(['AwaitClose', 'Recover', 'StandDown', 'PurgeAdHocData']);
        expect(await t.runtime.ports.helpRequests.get(request.id)).toMatchObject({
          status: 'closed',
          closedBy: 'lifecycle-recovery',
        });
        expect(t.runtime.outbox.sentTo(phone).map((m) => m.body.slice(0, 27))).toEqual([
          'Rode Kruis: hulpvraag Vilvo',
          'Rode Kruis: de hulpvraag in',
        ]);
      } finally {
        t.runtime.workflow.faults.clear();
      }
    });

    it('still waits for the close and purges when the recovery itself keeps failing', async () => {
      const { request, registration } = await requestWithSpontaneousVolunteer('Herstel faalt ook');
      t.runtime.workflow.failTask('Mobilise', 1_000);
      try {
        t.runtime.workflow.failTask('Recover', 1_000);
        await t.runtime.workflow.start({
          requestId: request.id,
          timing: { ackTimeoutSeconds: 600, responseWindowSeconds: 600, aftercareWindowSeconds: 1 },
        });
        const execution = t.runtime.workflow.executions.get(request.id)!;
        await waitForParkedToken(request.id);
        await closeHelpRequest(t.runtime.ports, coordinator, request.id);
        await settle(request.id);

        expect(execution.status).toBe('SUCCEEDED');
        expect(execution.tasks.slice(-3)).toEqual(['AwaitClose', 'StandDown', 'PurgeAdHocData']);
        expect(execution.tasks).toContain('Recover');
        expect(await t.runtime.ports.adHoc.get(request.id, registration.id)).toBeUndefined();
        expect(await t.runtime.ports.adHoc.receipt(request.id)).toMatchObject({ totals: { registered: 1 } });
      } finally {
        t.runtime.workflow.faults.clear();
      }
    });

    it('retries a purge that keeps failing after an hour, raises the alarm each time, and deletes the data in the end', async () => {
      const { request, registration } = await requestWithSpontaneousVolunteer('Purge faalt eerst');
      const failuresBefore = metrics().values('PurgeFailures').length;
      // Every attempt of the first round (the first try and its retries) fails; the next round succeeds.
      const attemptsPerRound = 1 + STEP_RETRIES;
      t.runtime.workflow.failTask('PurgeAdHocData', attemptsPerRound);
      await t.runtime.workflow.start({
        requestId: request.id,
        timing: { ackTimeoutSeconds: 600, responseWindowSeconds: 600, aftercareWindowSeconds: 1 },
      });
      await waitForParkedToken(request.id);
      await closeHelpRequest(t.runtime.ports, coordinator, request.id);
      const execution = await settle(request.id);

      expect(execution.status).toBe('SUCCEEDED');
      expect(execution.tasks.filter((task) => task === 'PurgeFailed')).toHaveLength(1);
      expect(execution.tasks.filter((task) => task === 'PurgeAdHocData')).toHaveLength(attemptsPerRound + 1);
      expect(metrics().values('PurgeFailures').slice(failuresBefore)).toEqual([1]);
      expect(
        (await t.runtime.ports.helpRequests.timeline(request.id)).filter((e) => e.type === 'purge-failed'),
      ).toEqual([expect.objectContaining({ error: 'InjectedFault', attempt: 1 })]);
      expect(await t.runtime.ports.adHoc.get(request.id, registration.id)).toBeUndefined();
      expect(await t.runtime.ports.adHoc.receipt(request.id)).toMatchObject({ totals: { registered: 1 } });
    });
  });

  describe('widening to the neighbouring corps', () => {
    const MECHELEN = '12025';
    const BONHEIDEN = '12005';
    const MECHELEN_PHONE = '+32475200001';
    const BONHEIDEN_PHONE = '+32475200002';

    beforeAll(async () => {
      const joined = (nis: string, name: string, neighbours: string[]) => ({
        nis,
        name,
        nameFr: name,
        arrondissement: 'Mechelen',
        province: 'Antwerpen',
        neighbours,
        joinedAt: '2026-01-01T00:00:00Z',
        updatedAt: '2026-01-01T00:00:00Z',
      });
      await t.runtime.ports.municipalities.put(joined(BONHEIDEN, 'Bonheiden', []), undefined, COORDINATOR);
      await t.runtime.ports.municipalities.put(
        joined(MECHELEN, 'Mechelen', [BONHEIDEN]),
        undefined,
        COORDINATOR,
      );
      for (const [nis, phone] of [
        [MECHELEN, MECHELEN_PHONE],
        [BONHEIDEN, BONHEIDEN_PHONE],
      ] as const) {
        await t.runtime.ports.volunteers.registerMembers(
          nis,
          [
            aVolunteer({
              id: t.runtime.ports.newId(),
              municipality: nis,
              phone,
              registeredAt: new Date().toISOString(),
            }),
          ],
          COORDINATOR,
        );
      }
    });

    it('alerts the neighbouring corps when too few accepted, never the same volunteer twice, then reports the shortfall', async () => {
      const request = await launchHelpRequest(t.runtime.ports, coordinator, {
        municipality: MECHELEN,
        title: 'Dijkbewaking Dijle',
        channel: 'phone',
        needs: [{ task: 'logistics', volunteers: 3, adultsOnly: false }],
        location: { postcode: '2800' },
        allowWidening: true,
        spontaneousCallAllowed: false,
      });
      const alert = await eventually(async () => {
        await t.runtime.queue.drain();
        return t.runtime.outbox.sentTo(MECHELEN_PHONE)[0];
      });
      // One of three accepts within the response window: not enough.
      await t.runtime.inbound(MECHELEN_PHONE, `JA ${/JA (\d{4})/.exec(alert.body)![1]}`);
      expect(t.runtime.outbox.sentTo(BONHEIDEN_PHONE)).toEqual([]);

      await waitForParkedToken(request.id);
      await t.runtime.queue.drain();
      expect(t.runtime.outbox.sentTo(BONHEIDEN_PHONE)).toHaveLength(1);
      // The call-out and the confirmation of the yes; no second call-out.
      expect(t.runtime.outbox.sentTo(MECHELEN_PHONE).map((m) => m.body.slice(0, 33))).toEqual([
        'Rode Kruis: hulpvraag Mechelen: D',
        'Rode Kruis: bedankt, je helpt bij',
      ]);
      const stored = await t.runtime.ports.helpRequests.get(request.id);
      expect(stored?.scope).toEqual([MECHELEN, BONHEIDEN]);
      expect(stored?.counts).toMatchObject({ alerted: 2, accepted: 1 });

      const shortfall = t.runtime.outbox.entries.filter(
        (m) => m.body.includes('tekort') && m.body.includes('Mechelen'),
      );
      expect(shortfall).toHaveLength(1);
      expect(shortfall[0]!.body).toContain('1 van 3 vrijwilligers');
      const types = (await t.runtime.ports.helpRequests.timeline(request.id)).map((e) => e.type);
      expect(types.filter((type) => ['mobilised', 'widened', 'shortfall'].includes(type))).toEqual([
        'mobilised',
        'widened',
        'mobilised',
        'shortfall',
      ]);
      expect(volunteerTasks(t.runtime.workflow.executions.get(request.id)!.tasks)).toEqual([
        'Mobilise',
        'EvaluateResponses',
        'WidenScope',
        'Mobilise',
        'EvaluateResponses',
        'ShortfallAlert',
        'AwaitClose',
      ]);
      await t.runtime.ports.helpRequests.close(request.id, 'coordinator-1', new Date().toISOString());
      await t.runtime.workflow.resume((await t.runtime.ports.helpRequests.closeToken(request.id))!, {});
      expect((await settle(request.id)).status).toBe('SUCCEEDED');
    });

    it('does not alert a volunteer who is on site for another request until they check out', async () => {
      const launchMechelen = (title: string) =>
        launchHelpRequest(t.runtime.ports, coordinator, {
          municipality: MECHELEN,
          title,
          channel: 'phone',
          needs: [{ task: 'logistics', volunteers: 1, adultsOnly: false }],
          location: { postcode: '2800' },
          allowWidening: false,
          spontaneousCallAllowed: false,
        });
      const volunteerId = (await t.runtime.ports.volunteers.findIdByPhone(MECHELEN_PHONE))!;
      const first = await launchMechelen('Eerste inzet');
      const alert = await eventually(async () => {
        await t.runtime.queue.drain();
        return (await t.runtime.ports.alerts.listForRequest(first.id)).find(
          (a) => a.volunteerId === volunteerId,
        );
      });
      await t.runtime.ports.alerts.recordAnswer(alert, 'accepted', new Date().toISOString(), undefined);
      await checkIn(t.runtime.ports, coordinator, first.id, volunteerId);

      const second = await launchMechelen('Tweede inzet');
      await until(() =>
        Boolean(t.runtime.workflow.executions.get(second.id)?.tasks.includes('EvaluateResponses')),
      );
      expect(
        (await t.runtime.ports.alerts.listForRequest(second.id)).map((a) => a.volunteerId),
      ).not.toContain(volunteerId);

      await checkOut(t.runtime.ports, coordinator, first.id, volunteerId);
      expect((await t.runtime.ports.volunteers.get(volunteerId))?.onSiteFor).toBeUndefined();
      const third = await launchMechelen('Derde inzet');
      await eventually(async () =>
        (await t.runtime.ports.alerts.listForRequest(third.id)).some((a) => a.volunteerId === volunteerId)
          ? true
          : undefined,
      );
      for (const request of [first, second, third]) {
        await closeHelpRequest(t.runtime.ports, coordinator, request.id);
        expect((await settle(request.id)).status).toBe('SUCCEEDED');
      }
    });

    it('does not widen a request that does not allow it', async () => {
      const request = await launchHelpRequest(t.runtime.ports, coordinator, {
        municipality: MECHELEN,
        title: 'Alleen eigen korps',
        channel: 'phone',
        needs: [{ task: 'logistics', volunteers: 5, adultsOnly: false }],
        location: { postcode: '2800' },
        allowWidening: false,
        spontaneousCallAllowed: false,
      });
      await waitForParkedToken(request.id);
      expect((await t.runtime.ports.helpRequests.get(request.id))?.scope).toEqual([MECHELEN]);
      expect(volunteerTasks(t.runtime.workflow.executions.get(request.id)!.tasks)).toEqual([
        'Mobilise',
        'EvaluateResponses',
        'ShortfallAlert',
        'AwaitClose',
      ]);
      await t.runtime.ports.helpRequests.close(request.id, 'coordinator-1', new Date().toISOString());
      await t.runtime.workflow.resume((await t.runtime.ports.helpRequests.closeToken(request.id))!, {});
      expect((await settle(request.id)).status).toBe('SUCCEEDED');
    });
  });
});
