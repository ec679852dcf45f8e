import type { SQSEvent } from 'aws-lambda';
import { ulid } from 'ulid';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeHandler } from '../../../functions/sms/dispatch';
import { lambdaContext } from '../../../local/runtime/lambda-context';
import type { OutgoingSms } from '../../../shared/messaging/ports';
import { anAlert, anAlertJob } from '../../builders/alert';
import { aMobilePhone } from '../../builders/phone';
import { createTestTables } from '../../support/tables';
import { RecordingSmsGateway, testPorts } from '../ports';

beforeAll(async () => {
  await createTestTables();
});

/** A provider that answers after a random few milliseconds, and refuses some phones. */
class RefusingSomePhones extends RecordingSmsGateway {
  readonly refused = new Set<string>();

  override async send(sms: OutgoingSms) {
    await new Promise((resolve) => setTimeout(resolve, Math.random() * 30));
    if (this.refused.has(sms.to)) throw new Error('the provider refused this SMS');
    return super.send(sms);
  }
}

describe('the SMS dispatcher function', () => {
  it('reports each batch its own failed record when batches run at once in one process', async () => {
    const sms = new RefusingSomePhones();
    const ports = { ...testPorts(), sms };
    const handler = makeHandler(ports);
    // Twenty batches of five, the last job of each refused: as the local runtime's concurrent dispatchers run them.
    const batches: SQSEvent[] = [];
    for (let b = 0; b < 20; b++) {
      const records = [];
      for (let j = 0; j < 5; j++) {
        const alert = anAlert(ulid(), ulid(), { createdAt: ports.clock.now().toISOString() });
        await ports.alerts.createMany([alert]);
        const phone = aMobilePhone();
        if (j === 4) sms.refused.add(phone);
        records.push({ messageId: ulid(), body: JSON.stringify(anAlertJob(alert, phone)) });
      }
      batches.push({ Records: records } as unknown as SQSEvent);
    }

    const responses = await Promise.all(
      batches.map((batch) => handler(batch, lambdaContext('SmsDispatcher'))),
    );

    responses.forEach((response, b) => {
      expect(response).toEqual({
        batchItemFailures: [{ itemIdentifier: batches[b]!.Records[4]!.messageId }],
      });
    });
    expect(sms.sent).toHaveLength(80);
  });
});
