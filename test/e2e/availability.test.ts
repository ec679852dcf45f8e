import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WEEKDAYS } from '../../shared/domain/availability';
import { eventually, startTestRuntime } from '../support/local-runtime';

const LOKEREN = '46021';

/**
 * Weekly availability over the local runtime's HTTP API: a member sets the windows they want to be alerted in; a
 * normal request passes them by outside those windows, an urgent one alerts them too.
 */
describe('weekly availability, end to end', () => {
  let t: Awaited<ReturnType<typeof startTestRuntime>>;
  let coordinator: string;
  const phones = ['+32470930001', '+32470930002'];
  const ids: string[] = [];

  beforeAll(async () => {
    t = await startTestRuntime({
      timing: { ackTimeoutSeconds: 600, responseWindowSeconds: 600, aftercareWindowSeconds: 1 },
    });
    coordinator = await t.token({ roles: ['coordinator'], sub: 'coordinator-1' });
    await t.call('PUT', '/duty-roster', {
      token: coordinator,
      body: { onDuty: { name: 'Sofie Maes', phone: '+32499300201' }, backups: [] },
    });
    expect((await t.call('PUT', `/municipalities/${LOKEREN}`, { token: coordinator, body: {} })).status).toBe(
      201,
    );
    for (const phone of phones) {
      const registered = await t.call('POST', `/municipalities/${LOKEREN}/volunteers`, {
        token: coordinator,
        body: { name: 'Beschikbaar Lid', birthDate: '1990-01-01', phone },
      });
      ids.push(registered.body.id);
    }
  });
  afterAll(async () => {
    await t?.runtime.stop();
  });

  const alertsOf = async (title: string) => {
    await t.runtime.queue.drain();
    return phones.map((phone) => t.runtime.outbox.sentTo(phone).some((sms) => sms.body.includes(title)));
  };
  const launch = async (title: string, urgency: 'normal' | 'immediate') => {
    const launched = await t.call('POST', '/help-requests', {
      token: coordinator,
      body: {
        municipality: LOKEREN,
        title,
        channel: 'phone',
        urgency,
        needs: [{ task: 'logistics', volunteers: 2 }],
        location: { postcode: '9160' },
        allowWidening: false,
      },
    });
    expect(launched.status).toBe(202);
  };

  it('alerts a member outside their windows only for an urgent request', async () => {
    // The whole of tomorrow (Belgian time) only: outside it now.
    const today = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Brussels', weekday: 'short' })
      .format(new Date())
      .toLowerCase();
    const tomorrow = WEEKDAYS[(WEEKDAYS.indexOf(today as (typeof WEEKDAYS)[number]) + 1) % 7]!;
    const availability = [{ days: [tomorrow], from: '00:00', until: '00:00' }];
    const patched = await t.call('PATCH', `/volunteers/${ids[0]}`, {
      token: coordinator,
      body: { availability },
    });
    expect(patched.status).toBe(200);
    expect(patched.body.availability).toEqual(availability);

    await launch('Wateroverlast normaal', 'normal');
    expect(
      await eventually(async () => ((await alertsOf('Wateroverlast normaal'))[1] ? true : undefined)),
    ).toBe(true);
    expect(await alertsOf('Wateroverlast normaal')).toEqual([false, true]);

    await launch('Wateroverlast dringend', 'immediate');
    expect(
      await eventually(async () =>
        (await alertsOf('Wateroverlast dringend')).every(Boolean) ? true : undefined,
      ),
    ).toBe(true);

    const cleared = await t.call('PATCH', `/volunteers/${ids[0]}`, {
      token: coordinator,
      body: { availability: null },
    });
    expect(cleared.body).not.toHaveProperty('availability');
  });

  it('refuses a window that is no time of day, naming the field', async () => {
    const refused = await t.call('PATCH', `/volunteers/${ids[1]}`, {
      token: coordinator,
      body: { availability: [{ days: ['sat'], from: '25:00', until: '06:00' }] },
    });
    expect(refused.status).toBe(400);
    expect(refused.body.issues).toEqual([
      { path: 'availability.0.from', message: 'a time of day as HH:MM, e.g. 18:00' },
    ]);
  });
});
