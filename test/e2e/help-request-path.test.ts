import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startTestRuntime } from '../support/local-runtime';

const GENT = '44021';
const PHONE = '+32470123456';
const COORDINATOR_PHONE = '+32499887766';

describe('one help request end to end over HTTP on the local runtime', () => {
  let t: Awaited<ReturnType<typeof startTestRuntime>>;
  beforeAll(async () => {
    // Windows longer than the test: on a busy machine a 1-second window would widen or escalate midway.
    t = await startTestRuntime({
      timing: { ackTimeoutSeconds: 60, responseWindowSeconds: 60, aftercareWindowSeconds: 1 },
    });
  });
  afterAll(async () => {
    await t.runtime.stop();
  });

  it('registers, launches, alerts, records the acceptance, closes and stands down', async () => {
    const coordinator = await t.token({ roles: ['coordinator'], sub: 'coordinator-1' });
    const requester = await t.token({ roles: ['requester'], municipality: GENT, sub: 'gent-official' });

    const joined = await t.call('PUT', `/municipalities/${GENT}`, {
      token: coordinator,
      body: { neighbours: ['44019'] },
    });
    expect(joined.status).toBe(201);
    expect(joined.body).toMatchObject({ nis: GENT, name: 'Gent', province: 'Oost-Vlaanderen' });

    const admin = await t.token({ roles: ['municipal-admin'], municipality: GENT, sub: 'gent-admin' });
    const named = await t.call('PUT', `/municipalities/${GENT}/requesters`, {
      token: admin,
      body: { requesters: ['gent-official'] },
    });
    expect(named.status).toBe(200);

    const volunteer = await t.call('POST', `/municipalities/${GENT}/volunteers`, {
      token: coordinator,
      body: { name: 'An Peeters', birthDate: '1990-04-01', phone: '0470 12 34 56' },
    });
    expect(volunteer.status).toBe(201);
    expect(volunteer.body.phone).toBe(PHONE);

    const roster = await t.call('PUT', '/duty-roster', {
      token: coordinator,
      body: { onDuty: { name: 'Coördinator van dienst', phone: COORDINATOR_PHONE }, backups: [] },
    });
    expect(roster.status).toBe(200);

    const launch = {
      token: requester,
      headers: { 'Idempotency-Key': 'flood-2026-11-23' },
      body: {
        municipality: GENT,
        title: 'Wateroverlast Gentbrugge',
        needs: [{ task: 'logistics', volunteers: 4 }],
        location: { postcode: '9050' },
      },
    };
    const launched = await t.call('POST', '/help-requests', launch);
    expect(launched.status).toBe(202);
    const id: string = launched.body.id;
    expect(t.runtime.workflow.executions.get(id)?.status).toBe('RUNNING');

    const repeated = await t.call('POST', '/help-requests', launch);
    expect(repeated).toEqual(launched);
    expect(t.runtime.workflow.executions.size).toBe(1);

    const alert = await eventually(async () => {
      await t.runtime.queue.drain();
      return t.runtime.outbox.sentTo(PHONE)[0];
    });
    expect(alert.body).toMatch(
      /^Rode Kruis: hulpvraag Gent: Wateroverlast Gentbrugge\. Kan je helpen\? Antwoord JA (\d{4}) of NEE \1\.$/,
    );
    const code = /JA (\d{4})/.exec(alert.body)![1];

    const outbox = await t.call('GET', `/_local/sms/outbox?to=${encodeURIComponent('0470123456')}`);
    expect(outbox.body.messages).toHaveLength(1);

    const coordinatorAlert = await eventually(async () => t.runtime.outbox.sentTo(COORDINATOR_PHONE)[0]);
    expect(coordinatorAlert.body).toMatch(
      /^Rode Kruis 24\/7: nieuwe hulpvraag Gent: Wateroverlast Gentbrugge, 4 vrijwilligers/,
    );
    const acknowledged = await t.call('POST', `/help-requests/${id}/acknowledge`, { token: coordinator });
    expect(acknowledged.body).toMatchObject({ id, acknowledgedBy: 'coordinator-1' });

    const reply = await t.call('POST', '/_local/sms/inbound', {
      body: { from: PHONE, body: `JA ${code} kan pas om 14u` },
    });
    expect(reply.status).toBe(202);
    const accepted = await t.call('GET', `/help-requests/${id}`, { token: requester });
    expect(accepted.body.counts).toEqual({
      alerted: 1,
      accepted: 1,
      declined: 0,
      checkedIn: 0,
      reserve: 0,
      byTask: { logistics: { needed: 4, accepted: 1 } },
      released: 0,
      unanswered: 0,
    });
    // The requester sees the counts; who answered, and what they wrote, is for the coordination.
    expect(accepted.body).not.toHaveProperty('responses');
    const coordinated = await t.call('GET', `/help-requests/${id}`, { token: coordinator });
    expect(coordinated.body.responses).toEqual([
      {
        volunteerId: volunteer.body.id,
        name: volunteer.body.name,
        municipality: GENT,
        answer: 'accepted',
        task: 'logistics',
        at: expect.any(String),
        note: 'kan pas om 14u',
      },
    ]);
    expect(Date.parse(coordinated.body.responses[0].at)).toBeGreaterThanOrEqual(Date.parse(alert.at));

    const update = await t.call('POST', `/help-requests/${id}/updates`, {
      token: coordinator,
      body: { message: 'Verzamelen aan de kerk van Gentbrugge, laarzen mee.' },
    });
    expect(update.status).toBe(202);
    expect(update.body).toMatchObject({ recipients: 1 });
    await t.runtime.queue.drain();
    expect(t.runtime.outbox.sentTo(PHONE).at(-1)?.body).toBe(
      'Rode Kruis Gent: Verzamelen aan de kerk van Gentbrugge, laarzen mee.',
    );

    const volunteerId: string = volunteer.body.id;
    const checkedIn = await t.call('POST', `/help-requests/${id}/check-ins`, {
      token: coordinator,
      body: { volunteerId },
    });
    expect(checkedIn.status).toBe(200);
    expect(checkedIn.body.onSiteSince).toEqual(expect.any(String));
    const onSite = await t.call('GET', `/help-requests/${id}`, { token: coordinator });
    expect(onSite.body.responses[0]).toMatchObject({
      onSiteSince: checkedIn.body.onSiteSince,
      minutesOnSite: 0,
    });
    expect(
      (await t.call('POST', `/help-requests/${id}/check-ins`, { token: coordinator, body: { volunteerId } }))
        .status,
    ).toBe(409);
    const checkedOut = await t.call('POST', `/help-requests/${id}/check-outs`, {
      token: coordinator,
      body: { volunteerId },
    });
    expect(checkedOut.body).toMatchObject({ minutes: 0, periods: [{ from: checkedIn.body.onSiteSince }] });
    expect(checkedOut.body).not.toHaveProperty('onSiteSince');
    const left = (await t.call('GET', `/help-requests/${id}`, { token: coordinator })).body.responses[0];
    expect(left).toMatchObject({ checkedOutAt: checkedOut.body.periods[0].to, minutesOnSite: 0 });
    expect(left).not.toHaveProperty('onSiteSince');
    expect(
      (await t.call('POST', `/help-requests/${id}/check-outs`, { token: coordinator, body: { volunteerId } }))
        .status,
    ).toBe(409);
    // Back on site when the request closes: the close ends the coverage period.
    await t.call('POST', `/help-requests/${id}/check-ins`, { token: coordinator, body: { volunteerId } });
    expect((await t.call('GET', `/help-requests/${id}`, { token: requester })).body.counts.checkedIn).toBe(1);

    const closed = await t.call('POST', `/help-requests/${id}/close`, { token: coordinator });
    expect(closed.status).toBe(200);
    expect(closed.body.status).toBe('closed');
    await t.runtime.workflow.executions.get(id)!.done;
    await t.runtime.queue.drain();
    expect(t.runtime.workflow.executions.get(id)?.status).toBe('SUCCEEDED');

    const messages = t.runtime.outbox.sentTo(PHONE);
    expect(messages).toHaveLength(4);
    expect(messages[1]!.body).toBe(
      'Rode Kruis: bedankt, je helpt bij Wateroverlast Gentbrugge. Waar: 9050. Coordinator: Coördinator van dienst.',
    );
    expect(messages[3]!.body).toContain('is afgesloten');

    const view = await t.call('GET', `/help-requests/${id}`, { token: requester });
    expect(view.body.status).toBe('closed');
    const types: string[] = view.body.timeline.map((e: { type: string }) => e.type);
    // The coordinator alert and the mobilisation run side by side, so only their set is fixed, not their order.
    expect(types[0]).toBe('requested');
    expect(new Set(types.slice(1, 3))).toEqual(new Set(['coordinator-alerted', 'mobilised']));
    expect(types.slice(3)).toEqual([
      'acknowledged',
      'alert-accepted',
      'update-sent',
      'checked-in',
      'checked-out',
      'checked-in',
      'closed',
      'checked-out',
      'stood-down',
    ]);
    expect(view.body.counts.checkedIn).toBe(0);
    expect(view.body.acknowledgedBy).toBe('coordinator-1');
    expect(JSON.stringify(view.body)).not.toContain(PHONE);
  });

  it('serves the OpenAPI document generated from the zod schemas, without a token', async () => {
    const { status, body } = await t.call('GET', '/openapi.json');
    expect(status).toBe(200);
    expect(body.openapi).toBe('3.1.0');
    expect(Object.keys(body.paths)).toEqual(
      expect.arrayContaining(['/help-requests', '/help-requests/{id}/close']),
    );
    expect(body.components.schemas.CreateHelpRequestBody.required).toEqual(
      expect.arrayContaining(['municipality', 'title', 'needs', 'location']),
    );
  });

  it('answers 401, 403, 400 and 422 with the bodies of API.md', async () => {
    const requester = await t.token({ roles: ['requester'], municipality: GENT });
    const admin = await t.token({ roles: ['municipal-admin'], municipality: GENT });

    expect(await t.call('GET', `/municipalities/${GENT}`)).toEqual({
      status: 401,
      body: { error: 'Unauthorized', correlationId: expect.any(String) },
    });
    expect(await t.call('GET', `/municipalities/${GENT}`, { token: 'forged.token.value' })).toEqual({
      status: 401,
      body: { error: 'Unauthorized', correlationId: expect.any(String) },
    });

    const notCoordinator = await t.call('PUT', '/municipalities/11002', { token: admin, body: {} });
    expect(notCoordinator.status).toBe(403);
    expect(notCoordinator.body.error).toBe('Forbidden');

    const malformed = await t.call('POST', '/help-requests', { token: requester, body: '{"title":' });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error).toBe('ValidationError');

    const invalid = await t.call('POST', '/help-requests', {
      token: requester,
      body: {
        municipality: GENT,
        title: 'Stroompanne',
        needs: [{ task: 'logistics', volunteers: 0 }],
        location: { postcode: '9000' },
      },
    });
    expect(invalid.status).toBe(400);
    expect(invalid.body.issues).toContainEqual({ path: 'needs.0.volunteers', message: expect.any(String) });

    const unknown = await t.call('PUT', '/municipalities/99999', {
      token: await t.token({ roles: ['coordinator'] }),
      body: { neighbours: [] },
    });
    expect(unknown).toMatchObject({
      status: 422,
      body: { error: 'RuleViolation', rule: 'unknown-municipality' },
    });

    const tooYoung = await t.call('POST', `/municipalities/${GENT}/volunteers`, {
      token: admin,
      body: { name: 'Jonas', birthDate: `${new Date().getUTCFullYear() - 15}-01-01`, phone: '0471 00 00 01' },
    });
    expect(tooYoung).toMatchObject({ status: 422, body: { rule: 'minimum-age' } });
  });
});
