import type { SQSEvent } from 'aws-lambda';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeHandler } from '../../../functions/sms/replay-inbound';
import { lambdaContext } from '../../../local/runtime/lambda-context';
import { anAlert } from '../../builders/alert';
import { aHelpRequest } from '../../builders/help-request-record';
import { anIdentity } from '../../builders/identity';
import failureRecord from '../../events/inbound-sms-failure-record.json';
import { createTestTables } from '../../support/tables';
import { seedMembers, testPorts } from '../ports';

beforeAll(async () => {
  await createTestTables();
});

/** Lambda's on-failure record of a reply from `phone`, as the inbound failures queue keeps it. */
const keptReply = (phone: string, messageBody: string, sqsMessageId: string) => {
  const [record] = failureRecord.requestPayload.Records;
  const message = { ...JSON.parse(record!.Sns.Message), originationNumber: phone, messageBody };
  const body = {
    ...failureRecord,
    requestPayload: { Records: [{ ...record, Sns: { ...record!.Sns, Message: JSON.stringify(message) } }] },
  };
  return { messageId: sqsMessageId, body: JSON.stringify(body) };
};

describe('the inbound SMS replay function, with DynamoDB Local', () => {
  /** A member alerted for a new request, and the replay function over the same ports. */
  const alerted = async () => {
    const ports = testPorts();
    const [volunteer] = await seedMembers(ports.volunteers, '44021', 1, anIdentity(['coordinator']));
    const request = aHelpRequest();
    await ports.helpRequests.create(request);
    const alert = anAlert(request.id, volunteer!.id, { smsStatus: 'sent' });
    await ports.alerts.createMany([alert]);
    return { ports, volunteer: volunteer!, request, alert, handler: makeHandler(ports) };
  };
  const replay = (
    handler: ReturnType<typeof makeHandler>,
    ...records: { messageId: string; body: string }[]
  ) => handler({ Records: records } as unknown as SQSEvent, lambdaContext('InboundSmsReplay'));

  it('counts a reply kept after 3 failed attempts once, at the time SNS first took it in, however often it is replayed', async () => {
    const { ports, volunteer, request, alert, handler } = await alerted();
    const kept = keptReply(volunteer.phone, `JA ${alert.code}`, 'kept-1');

    expect(await replay(handler, kept)).toEqual({ batchItemFailures: [] });
    expect(await replay(handler, kept)).toEqual({ batchItemFailures: [] });

    expect((await ports.helpRequests.get(request.id))?.counts).toMatchObject({ accepted: 1 });
    expect(await ports.alerts.get(request.id, volunteer.id)).toMatchObject({
      response: 'accepted',
      respondedAt: '2026-03-01T10:04:12.345Z',
    });
  });

  it('leaves a message it cannot read on its queue and replays the others of the batch', async () => {
    const { ports, volunteer, request, alert, handler } = await alerted();
    const response = await replay(
      handler,
      { messageId: 'unreadable', body: 'JA 1234' },
      keptReply(volunteer.phone, `NEE ${alert.code}`, 'kept-2'),
    );
    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: 'unreadable' }] });
    expect((await ports.helpRequests.get(request.id))?.counts).toMatchObject({ declined: 1 });
  });
});
