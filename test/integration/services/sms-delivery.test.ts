import { randomInt } from 'node:crypto';
import {
  PinpointSMSVoiceV2Client,
  SendTextMessageCommand,
  ThrottlingException,
  ValidationException,
} from '@aws-sdk/client-pinpoint-sms-voice-v2';
import { mockClient } from 'aws-sdk-client-mock';
import { ulid } from 'ulid';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Alert } from '../../../shared/domain/alert';
import { originationCandidates } from '../../../shared/domain/origination';
import { EumSmsGateway } from '../../../shared/messaging/eum-sms-gateway';
import { SmsRecipientOptedOut, SmsRefused } from '../../../shared/messaging/ports';
import type { DeliveryReceipt, SmsJob } from '../../../shared/schemas/sms-job';
import { viewHelpRequest } from '../../../shared/services/help-requests';
import { dispatchSms, handleDeliveryReceipt, OriginationPoolBusy } from '../../../shared/services/sms';
import { THROTTLE_RETRIES } from '../../../shared/services/throttled-send';
import { documentClient } from '../../../shared/store/dynamo-client';
import { SmsRateRepository } from '../../../shared/store/sms-rate-repository';
import { anAlert, anAlertJob } from '../../builders/alert';
import { aHelpRequest } from '../../builders/help-request-record';
import { anIdentity } from '../../builders/identity';
import { aMobilePhone } from '../../builders/phone';
import { aVolunteer } from '../../builders/volunteer';
import { createTestTables } from '../../support/tables';
import { TEST_POOL, TestClock, type TestPorts, testPorts } from '../ports';

const [FIRST, SECOND] = TEST_POOL.numbers as [string, string];
const COORDINATOR = anIdentity(['coordinator'], undefined, 'coordinator-1');
const eum = mockClient(PinpointSMSVoiceV2Client);

beforeAll(async () => {
  await createTestTables();
});
afterEach(() => eum.reset());

/** A stored help request with one queued alert for a registered volunteer of Gent, and the job that sends it. */
const anAlertedVolunteer = async (ports: TestPorts) => {
  const request = aHelpRequest();
  await ports.helpRequests.create(request);
  const [volunteer] = await ports.volunteers.registerMembers(
    '44021',
    [aVolunteer({ phone: aMobilePhone() })],
    COORDINATOR,
  );
  // Owed now: its lifetime (the response window) runs from here.
  const alert = anAlert(request.id, volunteer!.id, { createdAt: ports.clock.now().toISOString() });
  await ports.alerts.createMany([alert]);
  return { request, volunteer: volunteer!, alert, job: anAlertJob(alert, volunteer!.phone) };
};

const alertOf = async (ports: Pick<TestPorts, 'alerts'>, alert: Alert) =>
  (await ports.alerts.listForRequest(alert.requestId)).find((a) => a.volunteerId === alert.volunteerId);

/** A receipt as the events give it; a failure names the number of the pool the SMS went out on (the first). */
const receipt = (messageId: string, status: DeliveryReceipt['status'], reason?: string): DeliveryReceipt => ({
  messageId,
  status,
  at: '2026-03-02T10:00:30.000Z',
  ...(reason ? { reason } : {}),
  ...(status === 'delivered' ? {} : { originationNumber: FIRST }),
});

/** Runs what the queue holds through the dispatcher, as the SQS event source would, and empties it. */
const dispatchQueued = async (ports: TestPorts): Promise<void> => {
  const jobs = ports.smsJobs.jobs.splice(0);
  for (const job of jobs) await dispatchSms(ports, job);
};

const lastSent = (ports: TestPorts) => ports.sms.sent.at(-1)!;

/**
 * Ports with a pool of two numbers of their own: the buckets are shared by every test of the file, and a test that
 * fills them at a clock of its own would leave them full for the tests after it.
 */
const portsWithOwnPool = (clock?: TestClock) => {
  const ports = testPorts(clock);
  const suffix = String(randomInt(1_000_000)).padStart(6, '0');
  ports.smsPool = { ...TEST_POOL, numbers: [`+32461${suffix}`, `+32462${suffix}`] };
  return ports;
};
const messageIdOf = (ports: TestPorts) => lastSent(ports).messageId;

describe('the per-number send bucket on DynamoDB Local', () => {
  it('lets 40 concurrent one-part reservations on one number take exactly the quarter second of parts its bucket holds', async () => {
    const rates = new SmsRateRepository();
    const number = `+3246${ulid().slice(-7).replace(/\D/g, '1')}`;

    // Each on a dispatcher of its own, as 40 concurrent functions would be.
    const granted = await Promise.all(
      Array.from({ length: 40 }, () => new SmsRateRepository().reserve(number, 1_000, 1, 20)),
    );

    expect(granted.filter((d) => d.allowed)).toHaveLength(5);
    // The bucket refills at 20 parts per second: one more part 50 ms later.
    expect(await rates.reserve(number, 1_050, 1, 20)).toMatchObject({ allowed: true });
    expect(await rates.reserve(number, 1_050, 1, 20)).toEqual({ allowed: false, waitMs: 50 });
  });

  it('never lets concurrent multi-part reservations add up past the bucket', async () => {
    const number = '+32460999001';
    const sizes = [3, 2, 3, 1, 2, 3, 2, 1, 3, 2, 3, 1];

    const granted = await Promise.all(
      sizes.map((parts) => new SmsRateRepository().reserve(number, 2_000, parts, 20)),
    );

    const used = sizes.filter((_, i) => granted[i]?.allowed).reduce((sum, parts) => sum + parts, 0);
    expect(used).toBeLessThanOrEqual(5);
    expect(used).toBeGreaterThanOrEqual(3);
  });

  it('costs a reservation one write, and a refusal decided on what the dispatcher saw last no call at all', async () => {
    const commands: string[] = [];
    const db = documentClient();
    const counting = {
      send: (command: { constructor: { name: string } }) => {
        commands.push(command.constructor.name);
        return db.send(command as never);
      },
    } as unknown as typeof db;
    const rates = new SmsRateRepository(counting);
    const number = '+32460999003';
    expect(await rates.reserve(number, 4_000, 1, 20)).toMatchObject({ allowed: true });
    expect(commands).toEqual(['GetCommand', 'UpdateCommand']);
    commands.length = 0;

    expect(await rates.reserve(number, 4_000, 4, 20)).toMatchObject({ allowed: true });
    expect(await rates.reserve(number, 4_000, 2, 20)).toEqual({ allowed: false, waitMs: 100 });

    expect(commands).toEqual(['UpdateCommand']);
  });

  it('learns the stored time from a reservation that crossed another, and never takes more than the bucket', async () => {
    const number = '+32460999004';
    const behind = new SmsRateRepository();
    expect(await behind.reserve(number, 5_000, 1, 20)).toMatchObject({ allowed: true });
    // Another dispatcher takes the rest of the bucket meanwhile.
    expect(await new SmsRateRepository().reserve(number, 5_000, 4, 20)).toMatchObject({ allowed: true });

    expect(await behind.reserve(number, 5_000, 1, 20)).toEqual({ allowed: false, waitMs: 50 });
  });

  it('lets one message longer than the whole bucket go out alone once the bucket is full', async () => {
    const rates = new SmsRateRepository();
    expect(await rates.reserve('+32460999002', 3_000, 12, 10)).toMatchObject({ allowed: true });
    // 12 parts at 10 per second: full again at 4.2 s; one more part fits when it leaves a quarter second's room.
    expect(await rates.reserve('+32460999002', 3_000, 1, 10)).toEqual({ allowed: false, waitMs: 1050 });
  });
});

describe('dispatchSms over the origination pool', () => {
  it('sends from the pool within its rate and records the SMS sent', async () => {
    const ports = testPorts();
    const { alert, job } = await anAlertedVolunteer(ports);

    expect(await dispatchSms(ports, job)).toBe('sent');

    expect(ports.sms.sent).toEqual([
      {
        to: job.to,
        body: job.body,
        ttlSeconds: expect.any(Number),
        context: { requestId: alert.requestId, kind: 'alert' },
        messageId: expect.any(String),
      },
    ]);
    expect(await alertOf(ports, alert)).toMatchObject({
      smsStatus: 'sent',
      originationNumber: 'pool',
      attempts: 1,
      messageId: lastSent(ports).messageId,
    });
  });

  it("takes the parts from the next number's bucket when the recipient's first has no room", async () => {
    // A time no other test of the file sends at: the pool's buckets are shared.
    const ports = portsWithOwnPool(new TestClock('2026-03-02T13:37:00.100Z'));
    const { job } = await anAlertedVolunteer(ports);
    const [preferred, other] = originationCandidates(ports.smsPool.numbers, job.to) as [string, string];
    const now = ports.clock.now().getTime();
    const rate = TEST_POOL.partsPerSecond;
    // A quarter of a second of parts: the whole bucket a dispatcher may reserve from.
    const bucket = rate / 4;
    expect(await ports.smsRates.reserve(preferred, now, bucket, rate)).toMatchObject({ allowed: true });

    await dispatchSms(ports, job);

    // The SMS (one part) came out of the other number's bucket: one part less is left there.
    expect(await ports.smsRates.reserve(other, now, bucket, rate)).toMatchObject({ allowed: false });
    expect(await ports.smsRates.reserve(other, now, bucket - 1, rate)).toMatchObject({ allowed: true });
  });

  it("waits until a number's bucket has room for the parts when every one is empty, then sends", async () => {
    const ports = portsWithOwnPool();
    ports.clock.set('2026-03-02T11:00:00.400Z');
    const now = ports.clock.now().getTime();
    const rate = TEST_POOL.partsPerSecond;
    for (const number of ports.smsPool.numbers) await ports.smsRates.reserve(number, now, rate / 4, rate);
    const { alert, job } = await anAlertedVolunteer(ports);

    expect(await dispatchSms(ports, job)).toBe('sent');

    // One part at 1,000 parts per second is a millisecond away; a dispatcher waits at least 25 ms, not a second.
    expect(ports.clock.now().toISOString()).toBe('2026-03-02T11:00:00.425Z');
    expect((await alertOf(ports, alert))?.smsStatus).toBe('sent');
  });

  it('gives the job back (released, for the queue to redeliver) when the pool stays full', async () => {
    const ports = portsWithOwnPool();
    ports.clock.set('2026-03-02T12:00:00.000Z');
    // The clock stands still while waiting: the buckets never refill, so the pool never has room.
    ports.sleep = async () => {};
    const now = ports.clock.now().getTime();
    const rate = TEST_POOL.partsPerSecond;
    for (const number of ports.smsPool.numbers) await ports.smsRates.reserve(number, now, rate / 4, rate);
    const { alert, job } = await anAlertedVolunteer(ports);

    await expect(dispatchSms(ports, job)).rejects.toBeInstanceOf(OriginationPoolBusy);

    expect(ports.sms.sent).toEqual([]);
    expect((await alertOf(ports, alert))?.smsStatus).toBe('queued');
  });

  it('honours "not this number": a retry goes out on the other number of the pool', async () => {
    for (const avoid of [FIRST, SECOND]) {
      const ports = testPorts();
      const { job } = await anAlertedVolunteer(ports);
      await dispatchSms(ports, { ...job, avoidOrigination: avoid });
      expect(lastSent(ports).from).toBe(avoid === FIRST ? SECOND : FIRST);
    }
  });
});

describe('dispatchSms when End User Messaging throttles or refuses (aws-sdk-client-mock)', () => {
  const throttled = () => new ThrottlingException({ message: 'Rate exceeded', $metadata: {} });
  const snsPorts = () => {
    const ports = testPorts();
    const waits: number[] = [];
    return {
      ...ports,
      sms: new EumSmsGateway(new PinpointSMSVoiceV2Client({}), {
        poolId: 'pool-test',
        configurationSetName: 'Test-sms',
        protectConfigurationId: 'protect-test',
        maxPrice: '0.20',
      }),
      sleep: async (ms: number) => {
        waits.push(ms);
        ports.clock.advance(ms);
      },
      waits,
    };
  };

  it('backs off and sends the SMS once when the service throttles twice, then accepts', async () => {
    const ports = snsPorts();
    const { alert, job } = await anAlertedVolunteer(testPorts());
    eum
      .on(SendTextMessageCommand)
      .rejectsOnce(throttled())
      .rejectsOnce(throttled())
      .resolves({ MessageId: 'sns-1' });

    expect(await dispatchSms(ports, job)).toBe('sent');

    expect(eum.commandCalls(SendTextMessageCommand)).toHaveLength(3);
    expect(ports.metrics.values('SmsThrottled')).toEqual([1, 1]);
    expect(ports.metrics.values('SmsFailures')).toEqual([]);
    expect(ports.waits).toHaveLength(2);
    expect(ports.waits[0]).toBeLessThan(100);
    expect(ports.waits[1]).toBeLessThan(200);
    expect(await alertOf(ports, alert)).toMatchObject({ smsStatus: 'sent', messageId: 'sns-1' });
  });

  it('releases the alert and fails the record when the service keeps throttling, and marks nothing sent', async () => {
    const ports = snsPorts();
    const { alert, job } = await anAlertedVolunteer(testPorts());
    eum.on(SendTextMessageCommand).rejects(throttled());

    await expect(dispatchSms(ports, job)).rejects.toThrow('Rate exceeded');

    expect(eum.commandCalls(SendTextMessageCommand)).toHaveLength(THROTTLE_RETRIES + 1);
    expect(ports.metrics.values('SmsThrottled')).toHaveLength(THROTTLE_RETRIES + 1);
    expect(ports.metrics.values('SmsFailures')).toEqual([1]);
    const after = await alertOf(ports, alert);
    expect(after?.smsStatus).toBe('queued');
    expect(after).not.toHaveProperty('messageId');
  });

  it('does not retry an error that is not throttling', async () => {
    const ports = snsPorts();
    const { job } = await anAlertedVolunteer(testPorts());
    eum
      .on(SendTextMessageCommand)
      .rejects(
        new ValidationException({ message: 'Invalid parameter', Reason: 'MISSING_PARAMETER', $metadata: {} }),
      );

    await expect(dispatchSms(ports, job)).rejects.toThrow('Invalid parameter');

    expect(eum.commandCalls(SendTextMessageCommand)).toHaveLength(1);
    expect(ports.waits).toEqual([]);
  });
});

describe('the lifetime of an SMS and the refusals of the provider', () => {
  it('expires an alert whose response window passed while it waited in the queue, and never sends it late', async () => {
    const ports = testPorts();
    const { request, alert, job } = await anAlertedVolunteer(ports);
    // Queued at 10:00:00; the test stage's response window is 1 s, the provider's shortest lifetime 5 s.
    ports.clock.set('2026-03-02T10:00:05.000Z');

    expect(await dispatchSms(ports, job)).toBe('expired');

    expect(ports.sms.sent).toEqual([]);
    expect(await alertOf(ports, alert)).toMatchObject({ smsStatus: 'expired' });
    expect(ports.metrics.values('SmsExpired')).toEqual([1]);
    // A redelivered job changes nothing: the SMS is expired for good.
    expect(await dispatchSms(ports, job)).toBe('duplicate');
    const view = await viewHelpRequest(ports, COORDINATOR, request.id);
    expect(view.unreachable.volunteers).toMatchObject([{ volunteerId: alert.volunteerId, expired: true }]);
  });

  it('sends an alert that still has time with what is left of its window as its time to live', async () => {
    const ports = portsWithOwnPool();
    const { job } = await anAlertedVolunteer(ports);
    ports.timing = { ackTimeoutSeconds: 60, responseWindowSeconds: 900, aftercareWindowSeconds: 60 };
    ports.clock.set('2026-03-02T10:10:00.000Z');

    await dispatchSms(ports, job);

    expect(lastSent(ports).ttlSeconds).toBe(300);
  });

  it('does not retry a delivery the provider gave up on when the time to live ran out: the alert is expired', async () => {
    const ports = testPorts();
    const { alert, job } = await anAlertedVolunteer(ports);
    await dispatchSms(ports, job);

    expect(await handleDeliveryReceipt(ports, receipt(messageIdOf(ports), 'expired'))).toBe('expired');
    expect(await handleDeliveryReceipt(ports, receipt(messageIdOf(ports), 'expired'))).toBe('unchanged');

    expect(ports.smsJobs.jobs).toEqual([]);
    expect(await alertOf(ports, alert)).toMatchObject({ smsStatus: 'expired' });
  });

  it('fails an SMS the provider refuses for good (a country outside the protect configuration), without retrying', async () => {
    const ports = testPorts();
    const { alert, job } = await anAlertedVolunteer(ports);
    ports.sms = {
      send: async () => {
        throw new SmsRefused('DESTINATION_COUNTRY_BLOCKED_BY_PROTECT_CONFIGURATION');
      },
    } as unknown as TestPorts['sms'];

    expect(await dispatchSms(ports, job)).toBe('refused');

    expect(await alertOf(ports, alert)).toMatchObject({
      smsStatus: 'failed',
      failureReason: 'DESTINATION_COUNTRY_BLOCKED_BY_PROTECT_CONFIGURATION',
    });
    expect(ports.metrics.values('SmsFailures')).toEqual([1]);
    expect(await dispatchSms(ports, job)).toBe('duplicate');
  });

  it("withholds an SMS to a number on the provider's opt-out list, as for a volunteer who sent STOP", async () => {
    const ports = testPorts();
    const { alert, job } = await anAlertedVolunteer(ports);
    ports.sms = {
      send: async () => {
        throw new SmsRecipientOptedOut('DESTINATION_PHONE_NUMBER_OPTED_OUT');
      },
    } as unknown as TestPorts['sms'];

    expect(await dispatchSms(ports, job)).toBe('withheld');

    expect((await alertOf(ports, alert))?.smsStatus).toBe('withheld');
  });
});

describe('delivery receipts', () => {
  const sentAlert = async () => {
    const ports = testPorts();
    const alerted = await anAlertedVolunteer(ports);
    await dispatchSms(ports, alerted.job);
    return { ports, ...alerted, messageId: messageIdOf(ports) };
  };

  it('marks a sent alert delivered', async () => {
    const { ports, alert, messageId } = await sentAlert();

    expect(await handleDeliveryReceipt(ports, receipt(messageId, 'delivered'))).toBe('delivered');

    expect(await alertOf(ports, alert)).toMatchObject({
      smsStatus: 'delivered',
      deliveredAt: '2026-03-02T10:00:30.000Z',
    });
  });

  it('changes nothing on a repeated receipt', async () => {
    const { ports, alert, messageId } = await sentAlert();
    await handleDeliveryReceipt(ports, receipt(messageId, 'delivered'));

    expect(await handleDeliveryReceipt(ports, receipt(messageId, 'delivered'))).toBe('unchanged');
    expect(await handleDeliveryReceipt(ports, receipt(messageId, 'failed', 'late failure'))).toBe(
      'unchanged',
    );

    expect((await alertOf(ports, alert))?.smsStatus).toBe('delivered');
    expect(ports.smsJobs.jobs).toEqual([]);
  });

  it('ignores a receipt for a message the system did not send', async () => {
    const ports = testPorts();
    expect(await handleDeliveryReceipt(ports, receipt('someone-else', 'failed'))).toBe('unknown-message');
  });

  it('retries a failed SMS once through another number, and the retry is delivered', async () => {
    const { ports, alert, job, messageId } = await sentAlert();

    expect(await handleDeliveryReceipt(ports, receipt(messageId, 'failed', 'Phone is switched off'))).toBe(
      'retried',
    );
    expect(ports.smsJobs.jobs).toEqual([{ ...job, avoidOrigination: FIRST }]);
    expect(await alertOf(ports, alert)).toMatchObject({
      smsStatus: 'queued',
      failureReason: 'Phone is switched off',
    });

    await dispatchQueued(ports);
    const retry = lastSent(ports);
    expect(ports.sms.sent).toHaveLength(2);
    expect(retry.from).toBe(SECOND);
    expect(await alertOf(ports, alert)).toMatchObject({
      smsStatus: 'sent',
      attempts: 2,
      originationNumber: retry.from,
    });

    expect(await handleDeliveryReceipt(ports, receipt(messageIdOf(ports), 'delivered'))).toBe('delivered');
    expect((await alertOf(ports, alert))?.smsStatus).toBe('delivered');
  });

  it('does not retry a call-out whose request closed meanwhile: the volunteer is listed unreachable', async () => {
    const { ports, alert, request, messageId } = await sentAlert();
    await ports.helpRequests.close(request.id, 'coordinator-1', '2026-03-02T10:00:20.000Z');

    expect(await handleDeliveryReceipt(ports, receipt(messageId, 'failed'))).toBe('unreachable');

    expect(ports.smsJobs.jobs).toEqual([]);
    expect((await alertOf(ports, alert))?.smsStatus).toBe('failed');
  });

  it('ignores a late receipt of the first SMS once the retry is under way', async () => {
    const { ports, alert, messageId } = await sentAlert();
    await handleDeliveryReceipt(ports, receipt(messageId, 'failed'));
    await dispatchQueued(ports);

    expect(await handleDeliveryReceipt(ports, receipt(messageId, 'delivered'))).toBe('unchanged');

    expect(await alertOf(ports, alert)).toMatchObject({ smsStatus: 'sent', attempts: 2 });
  });

  it('requeues the retry again when the same failure receipt comes back before the retry was sent', async () => {
    const { ports, job, messageId } = await sentAlert();
    await handleDeliveryReceipt(ports, receipt(messageId, 'failed'));

    expect(await handleDeliveryReceipt(ports, receipt(messageId, 'failed'))).toBe('retried');
    // One failed SMS, however often its receipt arrives.
    expect(ports.metrics.values('SmsFailures')).toEqual([1]);
    await dispatchQueued(ports);

    // Two jobs for the retry, one SMS: the claim makes the second a duplicate.
    expect(ports.sms.sent.filter((m) => m.to === job.to)).toHaveLength(2);
  });

  it('lists a volunteer as unreachable on the request after the retry failed too, without the phone', async () => {
    const { ports, request, volunteer, alert, messageId } = await sentAlert();
    await handleDeliveryReceipt(
      ports,
      receipt(messageId, 'failed', 'Unknown error attempting to reach phone'),
    );
    await dispatchQueued(ports);

    expect(
      await handleDeliveryReceipt(
        ports,
        receipt(messageIdOf(ports), 'failed', 'Phone is currently unreachable'),
      ),
    ).toBe('unreachable');

    expect(await alertOf(ports, alert)).toMatchObject({ smsStatus: 'failed', attempts: 2 });
    expect(ports.metrics.values('SmsFailures')).toEqual([1, 1]);
    expect(ports.smsJobs.jobs).toEqual([]);
    const requester = anIdentity(['requester'], '44021', 'gent-official');
    const view = await viewHelpRequest(ports, requester, request.id);
    expect(view.unreachable).toEqual({
      count: 1,
      volunteers: [
        {
          volunteerId: volunteer.id,
          name: volunteer.name,
          municipality: '44021',
          failedAt: '2026-03-02T10:00:30.000Z',
          reason: 'Phone is currently unreachable',
        },
      ],
    });
    expect(JSON.stringify(view)).not.toContain(volunteer.phone);
  });

  it('retries a failed coordinator SMS through another number too', async () => {
    const ports = testPorts();
    await ports.dutyRoster.put(
      { onDuty: { name: 'Coördinator van dienst', phone: '+32499887766' }, backups: [] },
      COORDINATOR,
      '2026-03-02T09:00:00.000Z',
    );
    const requestId = ulid();
    await ports.smsLedger.createCoordinatorAlert(requestId, 0, '2026-03-02T10:00:00.000Z');
    const job: SmsJob = {
      requestId,
      kind: 'coordinator',
      level: 0,
      to: '+32499887766',
      body: 'Rode Kruis: hulpvraag',
    };
    await dispatchSms(ports, job);

    expect(await handleDeliveryReceipt(ports, receipt(messageIdOf(ports), 'failed'))).toBe('retried');
    await dispatchQueued(ports);

    expect(ports.sms.sent).toHaveLength(2);
    expect(lastSent(ports)).toMatchObject({ to: '+32499887766' });
    expect(lastSent(ports).from).toBe(SECOND);
  });

  it('keeps no phone number with the sent SMS and retries to the phone the registry holds', async () => {
    const { ports, volunteer, messageId } = await sentAlert();
    expect(JSON.stringify(await ports.smsLedger.findSent(messageId))).not.toContain(volunteer.phone);

    expect(await handleDeliveryReceipt(ports, receipt(messageId, 'failed'))).toBe('retried');
    await dispatchQueued(ports);

    expect(lastSent(ports).to).toBe(volunteer.phone);
  });

  it('does not retry for a volunteer who opted out since: they count as unreachable', async () => {
    const { ports, request, volunteer, messageId } = await sentAlert();
    await ports.volunteers.optOut(volunteer.id, '2026-03-02T10:00:10.000Z');

    expect(await handleDeliveryReceipt(ports, receipt(messageId, 'failed', 'Phone is switched off'))).toBe(
      'unreachable',
    );

    expect(ports.smsJobs.jobs).toEqual([]);
    expect((await viewHelpRequest(ports, COORDINATOR, request.id)).unreachable.count).toBe(1);
  });

  it('shows an empty unreachable list while every SMS is delivered or on its way', async () => {
    const { ports, request, messageId } = await sentAlert();
    await handleDeliveryReceipt(ports, receipt(messageId, 'failed'));

    expect((await viewHelpRequest(ports, COORDINATOR, request.id)).unreachable).toEqual({
      count: 0,
      volunteers: [],
    });
  });
});
