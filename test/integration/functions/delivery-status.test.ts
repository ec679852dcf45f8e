import type { SQSEvent } from 'aws-lambda';
import { ulid } from 'ulid';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { makeHandler } from '../../../functions/sms/delivery-status';
import { lambdaContext } from '../../../local/runtime/lambda-context';
import { logger } from '../../../shared/observability/logger';
import { dispatchSms } from '../../../shared/services/sms';
import { anAlert, anAlertJob } from '../../builders/alert';
import { aHelpRequest } from '../../builders/help-request-record';
import { anIdentity } from '../../builders/identity';
import { aMobilePhone } from '../../builders/phone';
import { aVolunteer } from '../../builders/volunteer';
import unreachable from '../../events/sms-event-unreachable.json' with { type: 'json' };
import { createTestTables } from '../../support/tables';
import { testPorts } from '../ports';

beforeAll(async () => {
  await createTestTables();
});

/** What the events queue hands the function: each record one event of the SMS events topic (raw delivery). */
const queueEvent = (bodies: string[]): SQSEvent =>
  ({ Records: bodies.map((body) => ({ messageId: ulid(), body })) }) as unknown as SQSEvent;

const eventFor = (messageId: string, eventType = unreachable.eventType) =>
  JSON.stringify({ ...unreachable, eventType, messageId });

/** A sent alert and the provider's event for its message. */
const aSentAlert = async () => {
  const ports = testPorts();
  const request = aHelpRequest();
  const [volunteer] = await ports.volunteers.registerMembers(
    '44021',
    [aVolunteer({ phone: aMobilePhone() })],
    anIdentity(['coordinator']),
  );
  const alert = anAlert(request.id, volunteer!.id, { createdAt: ports.clock.now().toISOString() });
  await ports.alerts.createMany([alert]);
  await dispatchSms(ports, anAlertJob(alert, volunteer!.phone));
  return { ports, alert, messageId: ports.sms.sent[0]!.messageId };
};

describe('the SMS delivery events function', () => {
  it('applies each event of the batch: a failed delivery is retried through another number than the one it failed on', async () => {
    const { ports, alert, messageId } = await aSentAlert();

    const response = await makeHandler(ports)(
      queueEvent([eventFor(messageId)]),
      lambdaContext('SmsDeliveryStatus'),
    );

    expect(response).toEqual({ batchItemFailures: [] });
    const [stored] = await ports.alerts.listForRequest(alert.requestId);
    expect(stored).toMatchObject({
      smsStatus: 'queued',
      failureReason: 'Phone is currently unreachable/unavailable',
    });
    expect(ports.smsJobs.jobs).toMatchObject([
      { volunteerId: alert.volunteerId, avoidOrigination: '+32460000001' },
    ]);
  });

  it('marks an alert the provider dropped at the end of its time to live expired, and does not retry it', async () => {
    const { ports, alert, messageId } = await aSentAlert();

    await makeHandler(ports)(
      queueEvent([eventFor(messageId, 'TEXT_TTL_EXPIRED')]),
      lambdaContext('SmsDeliveryStatus'),
    );

    const [stored] = await ports.alerts.listForRequest(alert.requestId);
    expect(stored).toMatchObject({ smsStatus: 'expired' });
    expect(ports.smsJobs.jobs).toEqual([]);
  });

  it('changes nothing when an event is delivered again, in the same batch or later', async () => {
    const { ports, alert, messageId } = await aSentAlert();
    const delivered = eventFor(messageId, 'TEXT_DELIVERED');

    await makeHandler(ports)(queueEvent([delivered, delivered]), lambdaContext('SmsDeliveryStatus'));
    const first = (await ports.alerts.listForRequest(alert.requestId))[0];
    await makeHandler(ports)(queueEvent([delivered]), lambdaContext('SmsDeliveryStatus'));
    // A late failure for a message already delivered changes nothing either.
    await makeHandler(ports)(queueEvent([eventFor(messageId)]), lambdaContext('SmsDeliveryStatus'));

    expect(first).toMatchObject({ smsStatus: 'delivered' });
    expect((await ports.alerts.listForRequest(alert.requestId))[0]).toEqual(first);
    expect(ports.smsJobs.jobs).toEqual([]);
  });

  it('waits for the final event after a queued or pending one', async () => {
    const { ports, alert, messageId } = await aSentAlert();

    await makeHandler(ports)(
      queueEvent([eventFor(messageId, 'TEXT_QUEUED'), eventFor(messageId, 'TEXT_PENDING')]),
      lambdaContext('SmsDeliveryStatus'),
    );

    expect((await ports.alerts.listForRequest(alert.requestId))[0]?.smsStatus).toBe('sent');
  });

  it('skips what is not an SMS delivery event, without logging its body (it holds a phone number)', async () => {
    const { ports, alert, messageId } = await aSentAlert();
    const warn = vi.spyOn(logger, 'warn');

    const response = await makeHandler(ports)(
      queueEvent([
        '{"destinationPhoneNumber":"+32470555001","eventType":"odd"}',
        'not json',
        eventFor(messageId),
      ]),
      lambdaContext('SmsDeliveryStatus'),
    );

    expect(response).toEqual({ batchItemFailures: [] });
    expect(warn).toHaveBeenCalledTimes(2);
    expect(JSON.stringify(warn.mock.calls)).not.toContain('555001');
    expect((await ports.alerts.listForRequest(alert.requestId))[0]?.smsStatus).toBe('queued');
    warn.mockRestore();
  });
});
