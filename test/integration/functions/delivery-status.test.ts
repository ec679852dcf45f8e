import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { makeHandler } from '../../../functions/sms/delivery-status';
import { deliveryLogGroups, subscriptionEvent } from '../../../local/runtime/delivery-logs';
import { lambdaContext } from '../../../local/runtime/lambda-context';
import { logger, maskPhone } from '../../../shared/observability/logger';
import { dispatchSms } from '../../../shared/services/sms';
import { anAlert, anAlertJob } from '../../builders/alert';
import { aHelpRequest } from '../../builders/help-request-record';
import { anIdentity } from '../../builders/identity';
import { aMobilePhone } from '../../builders/phone';
import { aVolunteer } from '../../builders/volunteer';
import failedLog from '../../events/sns-sms-failed.json' with { type: 'json' };
import { createTestTables } from '../../support/tables';
import { testPorts } from '../ports';

const groups = deliveryLogGroups('eu-west-1', '123456789012');

beforeAll(async () => {
  await createTestTables();
});

/** A sent alert and the SNS failure log line SNS would write for its message. */
const aSentAlert = async () => {
  const ports = testPorts();
  const request = aHelpRequest();
  const [volunteer] = await ports.volunteers.registerMembers(
    '44021',
    [aVolunteer({ phone: aMobilePhone() })],
    anIdentity(['coordinator']),
  );
  const alert = anAlert(request.id, volunteer!.id);
  await ports.alerts.createMany([alert]);
  await dispatchSms(ports, anAlertJob(alert, volunteer!.phone));
  const line = (messageId: string) =>
    JSON.stringify({ ...failedLog, notification: { ...failedLog.notification, messageId } });
  return { ports, alert, line: line(ports.sms.sent[0]!.messageId) };
};

describe('the SMS delivery status function', () => {
  it('decodes the gzipped, base64 subscription payload and applies each receipt', async () => {
    const { ports, alert, line } = await aSentAlert();

    await makeHandler(ports)(subscriptionEvent(groups.failure, [line]), lambdaContext('SmsDeliveryStatus'));

    const [stored] = await ports.alerts.listForRequest(alert.requestId);
    expect(stored).toMatchObject({
      smsStatus: 'queued',
      failureReason: 'Unknown error attempting to reach phone',
    });
    expect(ports.smsJobs.jobs).toHaveLength(1);
  });

  it('applies a large event at once, and a receipt repeated in it retries its SMS only once', async () => {
    const ports = testPorts();
    const request = aHelpRequest();
    const volunteers = await ports.volunteers.registerMembers(
      '44021',
      Array.from({ length: 20 }, () => aVolunteer({ phone: aMobilePhone() })),
      anIdentity(['coordinator']),
    );
    for (const volunteer of volunteers) {
      const alert = anAlert(request.id, volunteer.id);
      await ports.alerts.createMany([alert]);
      await dispatchSms(ports, anAlertJob(alert, volunteer.phone));
    }
    const lines = ports.sms.sent.map(({ messageId }) =>
      JSON.stringify({ ...failedLog, notification: { ...failedLog.notification, messageId } }),
    );

    await makeHandler(ports)(
      subscriptionEvent(groups.failure, [...lines, ...lines]),
      lambdaContext('SmsDeliveryStatus'),
    );

    const stored = await ports.alerts.listForRequest(request.id);
    expect(stored.map((a) => a.smsStatus)).toEqual(Array(20).fill('queued'));
    // A repeated receipt hands its retry over again (in case the first hand-over was lost); the claim dedupes.
    for (const job of ports.smsJobs.jobs) await dispatchSms(ports, job);
    expect(ports.sms.sent).toHaveLength(40);
    expect(new Set(ports.sms.sent.slice(20).map((sms) => sms.to)).size).toBe(20);
  });

  it('skips lines that are not SMS delivery status, logging them with phone numbers masked', async () => {
    const { ports, alert, line } = await aSentAlert();
    const warn = vi.spyOn(logger, 'warn');

    await makeHandler(ports)(
      subscriptionEvent(groups.failure, ['{"destination":"+32470555001","status":"odd"}', 'not json', line]),
      lambdaContext('SmsDeliveryStatus'),
    );

    expect(warn).toHaveBeenCalledTimes(2);
    const logged = JSON.stringify(warn.mock.calls);
    expect(logged).not.toContain('+32470555001');
    expect(logged).toContain(maskPhone('+32470555001'));
    expect((await ports.alerts.listForRequest(alert.requestId))[0]?.smsStatus).toBe('queued');
    warn.mockRestore();
  });

  it('ignores the control message CloudWatch Logs sends when a subscription is created', async () => {
    const ports = testPorts();
    const control = { messageType: 'CONTROL_MESSAGE', logGroup: '', logStream: '', logEvents: [] };
    const event = { awslogs: { data: gzipSync(JSON.stringify(control)).toString('base64') } };

    await expect(makeHandler(ports)(event, lambdaContext('SmsDeliveryStatus'))).resolves.toBeUndefined();
    expect(ports.smsJobs.jobs).toEqual([]);
  });
});
