import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_SMS_POOL } from '../../local/runtime/runtime';
import { UNREACHABLE_RESPONSE } from '../../local/runtime/sms-outbox';
import { eventually, startTestRuntime } from '../support/local-runtime';

const GENT = '44021';
const VOLUNTEERS = [
  { name: 'An Peeters', phone: '+32470100001' },
  { name: 'Bart Claes', phone: '+32470100002' },
  { name: 'Chloé Maes', phone: '+32470100003' },
];
const SWITCHED_OFF = VOLUNTEERS[1]!;

describe('SMS delivery receipts over HTTP on the local runtime', () => {
  let t: Awaited<ReturnType<typeof startTestRuntime>>;
  beforeAll(async () => {
    t = await startTestRuntime();
  });
  afterAll(async () => {
    await t.runtime.stop();
  });

  it('lists a volunteer whose phone cannot be reached on the request after one retry, while the others are delivered', async () => {
    const coordinator = await t.token({ roles: ['coordinator'], sub: 'coordinator-1' });
    const requester = await t.token({ roles: ['requester'], municipality: GENT, sub: 'gent-official' });
    const admin = await t.token({ roles: ['municipal-admin'], municipality: GENT, sub: 'gent-admin' });
    expect((await t.call('PUT', `/municipalities/${GENT}`, { token: coordinator, body: {} })).status).toBe(
      201,
    );
    await t.call('PUT', `/municipalities/${GENT}/requesters`, {
      token: admin,
      body: { requesters: ['gent-official'] },
    });
    const ids = new Map<string, string>();
    for (const v of VOLUNTEERS) {
      const registered = await t.call('POST', `/municipalities/${GENT}/volunteers`, {
        token: coordinator,
        body: { name: v.name, birthDate: '1990-04-01', phone: v.phone },
      });
      expect(registered.status).toBe(201);
      ids.set(v.phone, registered.body.id);
    }
    await t.call('PUT', '/duty-roster', {
      token: coordinator,
      body: { onDuty: { name: 'Coördinator van dienst', phone: '+32499887766' }, backups: [] },
    });

    const refused = await t.call('POST', '/_local/sms/undeliverable', { body: { phone: 'not a phone' } });
    expect(refused.status).toBe(400);
    expect(refused.body.issues).toEqual([{ path: 'phone', message: expect.any(String) }]);
    const switchedOff = await t.call('POST', '/_local/sms/undeliverable', {
      body: { phone: '0470 10 00 02' },
    });
    expect(switchedOff.status).toBe(200);

    const launched = await t.call('POST', '/help-requests', {
      token: requester,
      headers: { 'Idempotency-Key': 'sms-delivery-e2e' },
      body: {
        municipality: GENT,
        title: 'Stormschade Ledeberg',
        needs: [{ task: 'logistics', volunteers: 3 }],
        location: { postcode: '9050' },
      },
    });
    expect(launched.status).toBe(202);
    const id: string = launched.body.id;

    const view = await eventually(async () => {
      await t.runtime.queue.drain();
      const got = await t.call('GET', `/help-requests/${id}`, { token: requester });
      return got.body.unreachable?.count === 1 ? got.body : undefined;
    });

    expect(view.unreachable.volunteers).toEqual([
      {
        volunteerId: ids.get(SWITCHED_OFF.phone),
        name: SWITCHED_OFF.name,
        municipality: GENT,
        failedAt: expect.any(String),
        reason: UNREACHABLE_RESPONSE,
      },
    ]);
    expect(JSON.stringify(view)).not.toContain(SWITCHED_OFF.phone);
    // The coordinator may call them: the phone is theirs alone, not the crisis centre's.
    const coordinated = await t.call('GET', `/help-requests/${id}`, { token: coordinator });
    expect(coordinated.body.unreachable.volunteers).toEqual([
      expect.objectContaining({ volunteerId: ids.get(SWITCHED_OFF.phone), phone: SWITCHED_OFF.phone }),
    ]);
    const crisisCentre = await t.token({ roles: ['crisis-centre'], sub: 'crisis-centre-1' });
    const overseen = await t.call('GET', `/help-requests/${id}`, { token: crisisCentre });
    expect(overseen.body.unreachable.volunteers).toEqual([
      expect.objectContaining({ volunteerId: ids.get(SWITCHED_OFF.phone), name: SWITCHED_OFF.name }),
    ]);
    expect(JSON.stringify(overseen.body)).not.toContain(SWITCHED_OFF.phone);

    const tries = t.runtime.outbox.sentTo(SWITCHED_OFF.phone);
    expect(tries).toHaveLength(2);
    expect(new Set(tries.map((m) => m.from))).toEqual(new Set(LOCAL_SMS_POOL.numbers));

    const alerts = await t.runtime.ports.alerts.listForRequest(id);
    expect(Object.fromEntries(alerts.map((a) => [a.volunteerId, a.smsStatus]))).toEqual({
      [ids.get(VOLUNTEERS[0]!.phone)!]: 'delivered',
      [ids.get(SWITCHED_OFF.phone)!]: 'failed',
      [ids.get(VOLUNTEERS[2]!.phone)!]: 'delivered',
    });
    for (const v of [VOLUNTEERS[0]!, VOLUNTEERS[2]!])
      expect(t.runtime.outbox.sentTo(v.phone)).toHaveLength(1);
  });
});
