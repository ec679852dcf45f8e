import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startTestRuntime } from '../support/local-runtime';

const GENT = '44021';
const RESPONSE_WINDOW_SECONDS = 5;

/**
 * The local provider models AWS End User Messaging SMS: a time to live per SMS, the protect configuration's countries,
 * and delivery events through the same handler as in AWS.
 */
describe('SMS lifetime, protect configuration and delivery events on the local runtime', () => {
  let t: Awaited<ReturnType<typeof startTestRuntime>>;
  let coordinator: string;
  beforeAll(async () => {
    t = await startTestRuntime({
      timing: {
        ackTimeoutSeconds: 600,
        responseWindowSeconds: RESPONSE_WINDOW_SECONDS,
        aftercareWindowSeconds: 600,
      },
    });
    coordinator = await t.token({ roles: ['coordinator'], sub: 'coordinator-1' });
    expect((await t.call('PUT', `/municipalities/${GENT}`, { token: coordinator, body: {} })).status).toBe(
      201,
    );
    await t.call('PUT', '/duty-roster', {
      token: coordinator,
      body: { onDuty: { name: 'Coördinator van dienst', phone: '+32499887766' }, backups: [] },
    });
  });
  afterAll(async () => {
    await t.runtime.stop();
  });

  /** Registers one member with this phone and launches a request (by phone) that alerts them. */
  const alertOne = async (name: string, phone: string) => {
    const registered = await t.call('POST', `/municipalities/${GENT}/volunteers`, {
      token: coordinator,
      body: { name, birthDate: '1990-04-01', phone },
    });
    expect(registered.status).toBe(201);
    const launched = await t.call('POST', '/help-requests', {
      token: coordinator,
      body: {
        municipality: GENT,
        channel: 'phone',
        title: `Hulp voor ${name}`,
        needs: [{ task: 'logistics', volunteers: 1 }],
        location: { postcode: '9000' },
        allowWidening: false,
      },
    });
    expect(launched.status).toBe(202);
    return { volunteerId: registered.body.id as string, requestId: launched.body.id as string };
  };
  const alertOf = async (requestId: string, volunteerId: string) =>
    (await t.runtime.ports.alerts.listForRequest(requestId)).find((a) => a.volunteerId === volunteerId);

  it('drops an alert a switched-off phone did not take within the response window: expired, not retried, never delivered late', async () => {
    const phone = '+32470200001';
    t.runtime.outbox.switchOff(phone);
    const { volunteerId, requestId } = await alertOne('Dirk Switched', phone);

    const expired = await eventually(
      async () => {
        const alert = await alertOf(requestId, volunteerId);
        return alert?.smsStatus === 'expired' ? alert : undefined;
      },
      (RESPONSE_WINDOW_SECONDS + 10) * 1000,
    );
    expect(expired.failureReason).toBe('Message expired before it could be delivered');

    t.runtime.outbox.switchOn(phone);
    await t.runtime.smsEvents.drain();
    await t.runtime.queue.drain();
    expect(t.runtime.outbox.sentTo(phone)).toMatchObject([{ status: 'expired' }]);
    expect((await alertOf(requestId, volunteerId))?.smsStatus).toBe('expired');
    const view = await t.call('GET', `/help-requests/${requestId}`, { token: coordinator });
    expect(view.body.unreachable.volunteers).toEqual([
      expect.objectContaining({ volunteerId, phone, expired: true }),
    ]);
  });

  it('changes nothing when a delivery event is delivered again, or a contrary one arrives late', async () => {
    const phone = '+32470200002';
    const { volunteerId, requestId } = await alertOne('Els Delivered', phone);
    const delivered = await eventually(async () => {
      await t.runtime.queue.drain();
      const alert = await alertOf(requestId, volunteerId);
      return alert?.smsStatus === 'delivered' ? alert : undefined;
    });
    const [sms] = t.runtime.outbox.sentTo(phone);
    const event = {
      eventType: 'TEXT_DELIVERED',
      eventTimestamp: Date.now(),
      messageId: sms!.messageId,
      originationPhoneNumber: sms!.from,
    };

    await t.runtime.smsEvents.publish([event, event]);
    await t.runtime.smsEvents.publish([{ ...event, eventType: 'TEXT_UNREACHABLE' }]);
    await t.runtime.queue.drain();

    expect(await alertOf(requestId, volunteerId)).toEqual(delivered);
    expect(t.runtime.outbox.sentTo(phone)).toHaveLength(1);
    expect(t.runtime.smsEvents.deadLetters).toEqual([]);
  });

  it('refuses at the gateway an SMS to a number outside the allowed countries: failed at once, nothing sent', async () => {
    const phone = '+14155550123';
    const { volunteerId, requestId } = await alertOne('Frank Abroad', phone);

    const failed = await eventually(async () => {
      await t.runtime.queue.drain();
      const alert = await alertOf(requestId, volunteerId);
      return alert?.smsStatus === 'failed' ? alert : undefined;
    });

    expect(failed.failureReason).toBe('DESTINATION_COUNTRY_BLOCKED_BY_PROTECT_CONFIGURATION');
    expect(t.runtime.outbox.sentTo(phone)).toEqual([]);
    expect(t.runtime.queue.deadLetters).toEqual([]);
  });
});
