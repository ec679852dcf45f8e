import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VARIABLES } from '../../../shared/manifest/environment';
import { eumPorts } from '../../../shared/messaging/eum-ports';
import { dispatchSms } from '../../../shared/services/sms';
import { THROTTLE_RETRIES } from '../../../shared/services/throttled-send';
import { anAlert, anAlertJob } from '../../builders/alert';
import { aHelpRequest } from '../../builders/help-request-record';
import { anIdentity } from '../../builders/identity';
import { aMobilePhone } from '../../builders/phone';
import { aVolunteer } from '../../builders/volunteer';
import { createTestTables } from '../../support/tables';
import { testPorts } from '../ports';

// End User Messaging's answer to a send over its rate, as its JSON protocol words it (HTTP 400).
const THROTTLED = JSON.stringify({ __type: 'ThrottlingException', message: 'Rate exceeded' });

const SENDING = {
  [VARIABLES.sms.pool]: 'arn:aws:sms-voice:eu-west-1:123456789012:pool/pool-test',
  [VARIABLES.sms.configurationSet]: 'Test-sms',
  [VARIABLES.sms.protectConfiguration]: 'protect-test',
  [VARIABLES.sms.maxPriceUsd]: '0.20',
};

/** A stand-in for the End User Messaging endpoint that throttles every send and counts the requests that reach it. */
let requests = 0;
let server: Server;

beforeAll(async () => {
  await createTestTables();
  server = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      requests++;
      response
        .writeHead(400, {
          'content-type': 'application/x-amz-json-1.0',
          'x-amzn-errortype': 'ThrottlingException',
        })
        .end(THROTTLED);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  // The SMS client of the deployed functions, as eumPorts builds it, pointed at the stand-in.
  process.env.AWS_ENDPOINT_URL_PINPOINT_SMS_VOICE_V2 = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  Object.assign(process.env, SENDING);
});

afterAll(async () => {
  delete process.env.AWS_ENDPOINT_URL_PINPOINT_SMS_VOICE_V2;
  for (const name of Object.keys(SENDING)) delete process.env[name];
  await new Promise((resolve) => server.close(resolve));
});

describe('the tries of a throttled SMS', () => {
  it("are the dispatcher's retries alone, not multiplied by the SMS client's own", async () => {
    const ports = { ...testPorts(), sms: eumPorts.sms(), sleep: async () => {} };
    const request = aHelpRequest();
    await ports.helpRequests.create(request);
    const [volunteer] = await ports.volunteers.registerMembers(
      '44021',
      [aVolunteer({ phone: aMobilePhone() })],
      anIdentity(['coordinator'], undefined, 'coordinator-1'),
    );
    const alert = anAlert(request.id, volunteer!.id, { createdAt: ports.clock.now().toISOString() });
    await ports.alerts.createMany([alert]);

    await expect(dispatchSms(ports, anAlertJob(alert, volunteer!.phone))).rejects.toThrow('Rate exceeded');

    expect(requests).toBe(THROTTLE_RETRIES + 1);
  });
});
