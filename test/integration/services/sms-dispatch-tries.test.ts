import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { snsPorts } from '../../../shared/messaging/sns-ports';
import { dispatchSms, THROTTLE_RETRIES } from '../../../shared/services/sms';
import { anAlert, anAlertJob } from '../../builders/alert';
import { aHelpRequest } from '../../builders/help-request-record';
import { anIdentity } from '../../builders/identity';
import { aMobilePhone } from '../../builders/phone';
import { aVolunteer } from '../../builders/volunteer';
import { createTestTables } from '../../support/tables';
import { testPorts } from '../ports';

// SNS's answer to a send over its rate, as its Query API words it (ThrottledException, HTTP 429).
const THROTTLED = `<ErrorResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/">
  <Error><Type>Sender</Type><Code>Throttled</Code><Message>Rate exceeded</Message></Error>
  <RequestId>test-request</RequestId>
</ErrorResponse>`;

/** A stand-in for the SNS endpoint that throttles every send and counts the HTTP requests that reach it. */
let requests = 0;
let server: Server;

beforeAll(async () => {
  await createTestTables();
  server = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      requests++;
      response.writeHead(429, { 'content-type': 'text/xml' }).end(THROTTLED);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  // The SNS client of the deployed functions, as snsPorts builds it, pointed at the stand-in.
  process.env.AWS_ENDPOINT_URL_SNS = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  delete process.env.AWS_ENDPOINT_URL_SNS;
  await new Promise((resolve) => server.close(resolve));
});

describe('the tries of a throttled SMS', () => {
  it("are the dispatcher's retries alone, not multiplied by the SNS client's own", async () => {
    const ports = { ...testPorts(), sms: snsPorts.sms(), sleep: async () => {} };
    const request = aHelpRequest();
    await ports.helpRequests.create(request);
    const [volunteer] = await ports.volunteers.registerMembers(
      '44021',
      [aVolunteer({ phone: aMobilePhone() })],
      anIdentity(['coordinator'], undefined, 'coordinator-1'),
    );
    const alert = anAlert(request.id, volunteer!.id);
    await ports.alerts.createMany([alert]);

    await expect(dispatchSms(ports, anAlertJob(alert, volunteer!.phone))).rejects.toThrow('Rate exceeded');

    expect(requests).toBe(THROTTLE_RETRIES + 1);
  });
});
