import { ulid } from 'ulid';
import { beforeAll, describe, expect, it } from 'vitest';
import { InMemoryMetrics } from '../../../local/runtime/in-memory-metrics';
import type { Alert } from '../../../shared/domain/alert';
import {
  renderConfirmationSms,
  renderHelpSms,
  renderLateReplySms,
  renderOptedOutSms,
  renderPausedSms,
  renderRejoinedSms,
  renderResumedSms,
} from '../../../shared/domain/sms-templates';
import type { OutgoingSms, SmsGateway } from '../../../shared/messaging/ports';
import { maskPhone } from '../../../shared/observability/logger';
import type { InboundSms, SmsJob } from '../../../shared/schemas/sms-job';
import type { SpontaneousVolunteer } from '../../../shared/schemas/spontaneous';
import type { Volunteer } from '../../../shared/schemas/volunteer';
import { dispatchSms, handleInboundSms, SmsClaimedElsewhere } from '../../../shared/services/sms';
import { AdHocRepository } from '../../../shared/store/ad-hoc-repository';
import { AlertRepository } from '../../../shared/store/alert-repository';
import { ClaimRepository } from '../../../shared/store/claim-repository';
import { DutyRosterRepository } from '../../../shared/store/duty-roster-repository';
import { HelpRequestRepository } from '../../../shared/store/help-request-repository';
import { SmsLedgerRepository } from '../../../shared/store/sms-ledger-repository';
import { SmsRateRepository } from '../../../shared/store/sms-rate-repository';
import { VolunteerRepository } from '../../../shared/store/volunteer-repository';
import { anAlert, anAlertJob } from '../../builders/alert';
import { aHelpRequest } from '../../builders/help-request-record';
import { anIdentity } from '../../builders/identity';
import { aMobilePhone } from '../../builders/phone';
import { aVolunteer } from '../../builders/volunteer';
import { createTestTables } from '../../support/tables';
import { RecordingSmsQueue, TEST_POOL } from '../ports';

/** The SMS provider, which cannot run here: records what it sent and can be told to refuse the next send. */
class RecordingSmsGateway implements SmsGateway {
  readonly sent: { to: string; body: string; messageId: string; from?: string }[] = [];
  private failures = 0;

  failNextSend(): void {
    this.failures++;
  }

  async send({ to, body, from }: OutgoingSms): Promise<{ messageId: string }> {
    if (this.failures > 0) {
      this.failures--;
      throw new Error('provider unavailable');
    }
    const messageId = `msg-${this.sent.length + 1}`;
    this.sent.push({ to, body, messageId, ...(from ? { from } : {}) });
    return { messageId };
  }

  sentTo(phone: string): string[] {
    return this.sent.filter((m) => m.to === phone).map((m) => m.body);
  }
}

const RECEIVED_AT = '2026-03-01T10:05:00.000Z';
const clock = { now: () => new Date('2026-03-01T10:01:00.000Z') };

let alerts: AlertRepository;
let smsLedger: SmsLedgerRepository;
let volunteers: VolunteerRepository;
let helpRequests: HelpRequestRepository;
let adHoc: AdHocRepository;
let claims: ClaimRepository;
let smsRates: SmsRateRepository;

beforeAll(async () => {
  await createTestTables();
  adHoc = new AdHocRepository();
  claims = new ClaimRepository();
  alerts = new AlertRepository();
  smsLedger = new SmsLedgerRepository();
  volunteers = new VolunteerRepository();
  helpRequests = new HelpRequestRepository();
  smsRates = new SmsRateRepository();
});

const alertOf = async (requestId: string, volunteerId: string): Promise<Alert | undefined> =>
  (await alerts.listForRequest(requestId)).find((a) => a.volunteerId === volunteerId);

/** What the dispatcher reaches, on the shared DynamoDB Local tables, with `sms` recording what it would send. */
const dispatcherPorts = (sms: RecordingSmsGateway, metrics = new InMemoryMetrics()) => ({
  alerts,
  smsLedger,
  volunteers,
  adHoc,
  claims,
  sms,
  clock,
  smsRates,
  smsPool: TEST_POOL,
  sleep: async () => {},
  metrics,
  timing: { ackTimeoutSeconds: 300, responseWindowSeconds: 900, aftercareWindowSeconds: 3600 },
  newId: () => ulid(),
});

describe('dispatchSms with DynamoDB Local and a recording SMS gateway', () => {
  const setUp = async () => {
    const sms = new RecordingSmsGateway();
    const alert = anAlert(ulid(), ulid());
    await alerts.createMany([alert]);
    const metrics = new InMemoryMetrics();
    const ports = dispatcherPorts(sms, metrics);
    return { sms, alert, job: anAlertJob(alert, aMobilePhone()), ports, metrics };
  };

  it("keeps a dry exercise's SMS in the request's outbox, never sending it: delivered at once, the phone masked", async () => {
    const { sms, alert, job, ports, metrics } = await setUp();
    const dry: SmsJob = { ...job, dry: true, body: 'OEFENING - Rode Kruis: hulpvraag Gent' };

    expect(await dispatchSms(ports, dry)).toBe('kept-dry');
    // A redelivered job finds it kept, and keeps it once.
    expect(await dispatchSms(ports, dry)).toBe('duplicate');

    expect(sms.sent).toEqual([]);
    expect(metrics.recorded).toEqual([{ name: 'SmsKeptDry', value: 1 }]);
    expect(await alertOf(alert.requestId, alert.volunteerId)).toMatchObject({
      smsStatus: 'delivered',
      originationNumber: 'dry-exercise',
    });
    const { sms: kept, next } = await smsLedger.outboxPage(alert.requestId, 10);
    expect(next).toBeUndefined();
    expect(kept).toEqual([
      {
        at: clock.now().toISOString(),
        kind: 'alert',
        recipient: alert.volunteerId,
        to: maskPhone(job.to),
        body: dry.body,
        parts: 1,
      },
    ]);
    expect(JSON.stringify(kept)).not.toContain(job.to);
  });

  it('sends the SMS of a job once and marks the alert sent with the provider message id', async () => {
    const { sms, alert, job, ports, metrics } = await setUp();

    expect(await dispatchSms(ports, job)).toBe('sent');
    expect(metrics.recorded).toEqual([{ name: 'AlertsSent', value: 1 }]);

    expect(sms.sent).toEqual([{ to: job.to, body: job.body, messageId: 'msg-1' }]);
    expect(await alertOf(alert.requestId, alert.volunteerId)).toMatchObject({
      smsStatus: 'sent',
      sentAt: '2026-03-01T10:01:00.000Z',
      messageId: 'msg-1',
    });
  });

  it('gives a job back to the queue, sending nothing, while another dispatcher holds its SMS; sends it once released', async () => {
    const { sms, job, ports } = await setUp();
    // A dispatcher that timed out mid-send still holds the claim when SQS redelivers its batch.
    expect(
      await smsLedger.claimForSending(job, clock.now().toISOString(), '2000-01-01T00:00:00.000Z'),
    ).toBeDefined();

    await expect(dispatchSms(ports, job)).rejects.toThrow(SmsClaimedElsewhere);
    expect(sms.sent).toHaveLength(0);

    expect(await smsLedger.release(job)).toBe(true);
    expect(await dispatchSms(ports, job)).toBe('sent');
    expect(await dispatchSms(ports, job)).toBe('duplicate');
    expect(sms.sent).toHaveLength(1);
  });

  it('answers a redelivered job with duplicate and does not send (or count) it again', async () => {
    const { sms, job, ports, metrics } = await setUp();
    await dispatchSms(ports, job);

    expect(await dispatchSms(ports, job)).toBe('duplicate');

    expect(sms.sent).toHaveLength(1);
    expect(metrics.values('AlertsSent')).toEqual([1]);
  });

  it('passes a provider failure on, releases the alert to queued, and the redelivered job sends it once', async () => {
    const { sms, alert, job, ports, metrics } = await setUp();
    sms.failNextSend();

    await expect(dispatchSms(ports, job)).rejects.toThrow('provider unavailable');
    expect(metrics.recorded).toEqual([{ name: 'SmsFailures', value: 1 }]);
    expect((await alertOf(alert.requestId, alert.volunteerId))?.smsStatus).toBe('queued');
    expect(sms.sent).toHaveLength(0);

    expect(await dispatchSms(ports, job)).toBe('sent');
    expect(await dispatchSms(ports, job)).toBe('duplicate');
    expect(sms.sent).toHaveLength(1);
    expect((await alertOf(alert.requestId, alert.volunteerId))?.smsStatus).toBe('sent');
  });
});

const inbound = (from: string, messageBody: string): InboundSms => ({
  originationNumber: from,
  destinationNumber: '+32460000000',
  messageBody,
  inboundMessageId: ulid(),
});

describe('handleInboundSms with DynamoDB Local and a recording SMS gateway', () => {
  /** A registered volunteer alerted for one open help request, and a fresh gateway. */
  const alerted = async (volunteerOverrides: Partial<Volunteer> = {}) => {
    const [volunteer] = await volunteers.registerMembers(
      '44021',
      [aVolunteer({ phone: aMobilePhone(), ...volunteerOverrides })],
      anIdentity(['coordinator'], undefined, 'coordinator-1'),
    );
    if (!volunteer) throw new Error('the volunteer was not registered');
    const request = aHelpRequest();
    await helpRequests.create(request);
    const alert = anAlert(request.id, volunteer.id, { smsStatus: 'sent' });
    await alerts.createMany([alert]);
    const sms = new RecordingSmsGateway();
    const metrics = new InMemoryMetrics();
    return {
      volunteer,
      request,
      alert,
      sms,
      metrics,
      ports: {
        alerts,
        smsLedger,
        volunteers,
        adHoc,
        claims,
        helpRequests,
        dutyRoster: new DutyRosterRepository(),
        sms,
        smsJobs: new RecordingSmsQueue(),
        metrics,
        sleep: async () => undefined,
      },
    };
  };

  it('records "JA <code>" as an acceptance of the alert with that code', async () => {
    const { volunteer, request, alert, sms, ports } = await alerted();

    expect(await handleInboundSms(ports, inbound(volunteer.phone, `JA ${alert.code}`), RECEIVED_AT)).toBe(
      'recorded',
    );

    expect(await alertOf(request.id, volunteer.id)).toMatchObject({
      response: 'accepted',
      respondedAt: RECEIVED_AT,
    });
    expect((await helpRequests.get(request.id))?.counts).toMatchObject({ accepted: 1, declined: 0 });
    expect(sms.sentTo(volunteer.phone)).toEqual([
      renderConfirmationSms('nl', { title: request.title, place: request.location.postcode }),
    ]);
  });

  it('marks the first acceptance of a request once and reports its delay since the request', async () => {
    const { volunteer, request, alert, metrics, ports } = await alerted();
    const [other] = await volunteers.registerMembers(
      '44021',
      [aVolunteer({ phone: aMobilePhone() })],
      anIdentity(['coordinator'], undefined, 'coordinator-1'),
    );
    const otherAlert = anAlert(request.id, other!.id, { smsStatus: 'sent' });
    await alerts.createMany([otherAlert]);

    await handleInboundSms(ports, inbound(volunteer.phone, `JA ${alert.code}`), RECEIVED_AT);
    await handleInboundSms(ports, inbound(volunteer.phone, `JA ${alert.code}`), RECEIVED_AT);
    await handleInboundSms(ports, inbound(other!.phone, `JA ${otherAlert.code}`), '2026-03-01T10:07:00.000Z');

    // Created at 10:00, first accepted at 10:05.
    expect(metrics.values('TimeToFirstAcceptance')).toEqual([300]);
    expect((await helpRequests.get(request.id))?.firstAcceptedAt).toBe(RECEIVED_AT);
  });

  it('reports no acceptance time for a decline', async () => {
    const { volunteer, alert, metrics, ports } = await alerted();

    await handleInboundSms(ports, inbound(volunteer.phone, `NEE ${alert.code}`), RECEIVED_AT);

    expect(metrics.values('TimeToFirstAcceptance')).toEqual([]);
  });

  it('records a bare "nee" as a decline when the volunteer has exactly one open alert', async () => {
    const { volunteer, request, ports } = await alerted();

    expect(await handleInboundSms(ports, inbound(volunteer.phone, 'nee'), RECEIVED_AT)).toBe('recorded');

    expect((await alertOf(request.id, volunteer.id))?.response).toBe('declined');
    expect((await helpRequests.get(request.id))?.counts).toMatchObject({ accepted: 0, declined: 1 });
  });

  it("takes no reply for a dry drill's alert, which reached no phone: a bare JA goes to the member's real call-out", async () => {
    const { volunteer, request, ports } = await alerted();
    const drill = aHelpRequest({ exercise: true, dry: true });
    await helpRequests.create(drill);
    await alerts.createMany([anAlert(drill.id, volunteer.id, { smsStatus: 'delivered' })]);

    expect(await handleInboundSms(ports, inbound(volunteer.phone, 'ja'), RECEIVED_AT)).toBe('recorded');

    expect((await alertOf(request.id, volunteer.id))?.response).toBe('accepted');
    expect(await alertOf(drill.id, volunteer.id)).not.toHaveProperty('response');
  });

  it('answers a reply with an unknown code with the help SMS and records nothing', async () => {
    const { volunteer, request, alert, sms, ports } = await alerted({ language: 'fr' });
    const otherCode = alert.code === '1000' ? '1001' : '1000';

    expect(await handleInboundSms(ports, inbound(volunteer.phone, `JA ${otherCode}`), RECEIVED_AT)).toBe(
      'help-sent',
    );

    expect(sms.sent.map(({ to, body }) => ({ to, body }))).toEqual([
      { to: volunteer.phone, body: renderHelpSms('fr') },
    ]);
    expect(await alertOf(request.id, volunteer.id)).not.toHaveProperty('response');
    expect((await helpRequests.get(request.id))?.counts).toMatchObject({ accepted: 0, declined: 0 });
  });

  it('ignores a reply from a number no volunteer registered and sends nothing', async () => {
    const { request, alert, sms, ports } = await alerted();

    expect(await handleInboundSms(ports, inbound(aMobilePhone(), `JA ${alert.code}`), RECEIVED_AT)).toBe(
      'unknown-sender',
    );

    expect(sms.sent).toEqual([]);
    expect((await helpRequests.get(request.id))?.counts).toMatchObject({ accepted: 0, declined: 0 });
  });

  it('opts a member out on STOP without recording an answer, and confirms it once however often SNS delivers it', async () => {
    const { volunteer, request, sms, ports } = await alerted();
    const stop = inbound(volunteer.phone, 'STOP');

    expect(await handleInboundSms(ports, stop, RECEIVED_AT)).toBe('opted-out');
    expect(await handleInboundSms(ports, stop, RECEIVED_AT)).toBe('answered-before');

    expect(await volunteers.get(volunteer.id)).toMatchObject({
      status: 'opted-out',
      optedOutAt: RECEIVED_AT,
    });
    expect(await alertOf(request.id, volunteer.id)).not.toHaveProperty('response');
    expect(sms.sentTo(volunteer.phone)).toEqual([renderOptedOutSms('nl', 'member')]);
  });

  it('brings a member who sent STOP back on the rejoin word of any language, confirmed once, in their language', async () => {
    const { volunteer, sms, ports } = await alerted({ language: 'fr' });
    await handleInboundSms(ports, inbound(volunteer.phone, 'STOP'), RECEIVED_AT);
    const rejoin = inbound(volunteer.phone, 'reprise');

    expect(await handleInboundSms(ports, rejoin, '2026-03-01T11:00:00.000Z')).toBe('rejoined');
    expect(await handleInboundSms(ports, rejoin, '2026-03-01T11:00:00.000Z')).toBe('answered-before');

    const stored = await volunteers.get(volunteer.id);
    expect(stored?.status).toBe('active');
    expect(stored).not.toHaveProperty('optedOutAt');
    expect(sms.sentTo(volunteer.phone)).toEqual([renderOptedOutSms('fr', 'member'), renderRejoinedSms('fr')]);
  });

  it('pauses a member for PAUZE 7, today and the next six days, confirmed once with the last day; PAUZE 0 resumes', async () => {
    const { volunteer, sms, ports } = await alerted({ language: 'nl' });
    const pause = inbound(volunteer.phone, 'PAUZE 7');

    // 1 March 2026, 11:05 in Brussels.
    expect(await handleInboundSms(ports, pause, RECEIVED_AT)).toBe('paused');
    expect(await handleInboundSms(ports, pause, RECEIVED_AT)).toBe('answered-before');
    expect((await volunteers.get(volunteer.id))?.pausedUntil).toBe('2026-03-07');

    expect(await handleInboundSms(ports, inbound(volunteer.phone, 'pauze 0'), RECEIVED_AT)).toBe('resumed');
    expect(await volunteers.get(volunteer.id)).not.toHaveProperty('pausedUntil');
    expect(sms.sentTo(volunteer.phone)).toEqual([
      renderPausedSms('nl', '2026-03-07'),
      renderResumedSms('nl'),
    ]);
    expect(renderPausedSms('nl', '2026-03-07')).toContain('tot en met 07/03/2026');
  });

  it('answers a rejoin word from a number that only registered spontaneously with the help text', async () => {
    const { person, sms, ports } = await spontaneouslyRegistered();

    expect(await handleInboundSms(ports, inbound(person.phone, 'START'), RECEIVED_AT)).toBe('help-sent');
    expect(sms.sentTo(person.phone)).toEqual([renderHelpSms('nl')]);
  });

  it('answers a redelivered unreadable reply once, and again when the first answer could not be sent', async () => {
    const { volunteer, sms, ports } = await alerted();
    const event = inbound(volunteer.phone, 'wat moet ik doen?');
    sms.failNextSend();

    await expect(handleInboundSms(ports, event, RECEIVED_AT)).rejects.toThrow('provider unavailable');
    expect(await handleInboundSms(ports, event, RECEIVED_AT)).toBe('help-sent');
    expect(await handleInboundSms(ports, event, RECEIVED_AT)).toBe('answered-before');

    expect(sms.sentTo(volunteer.phone)).toEqual([renderHelpSms('nl')]);
    // Another message with the same words is another question, and gets its own answer.
    expect(await handleInboundSms(ports, inbound(volunteer.phone, 'wat moet ik doen?'), RECEIVED_AT)).toBe(
      'help-sent',
    );
  });

  it('thanks a volunteer who answers after the request was closed, and records nothing', async () => {
    const { volunteer, request, alert, sms, ports } = await alerted();
    await helpRequests.close(request.id, 'coordinator-1', '2026-03-01T10:04:00.000Z');

    expect(await handleInboundSms(ports, inbound(volunteer.phone, `JA ${alert.code}`), RECEIVED_AT)).toBe(
      'late',
    );

    expect(sms.sentTo(volunteer.phone)).toEqual([renderLateReplySms('nl')]);
    expect(await alertOf(request.id, volunteer.id)).not.toHaveProperty('response');
    const late = inbound(volunteer.phone, `NEE ${alert.code}`);
    expect(await handleInboundSms(ports, late, RECEIVED_AT)).toBe('late');
    expect(await handleInboundSms(ports, late, RECEIVED_AT)).toBe('answered-before');
    expect(sms.sentTo(volunteer.phone)).toHaveLength(2);
    expect((await helpRequests.get(request.id))?.counts).toMatchObject({ accepted: 0, declined: 0 });
  });
});

/** A spontaneous volunteer of an open request with a call (a new one unless given), alerted, who accepted. */
const spontaneouslyRegistered = async (request = aHelpRequest()) => {
  if (!(await helpRequests.get(request.id))) {
    await helpRequests.create(request);
    await helpRequests.openSpontaneousCall(request.id, `CODE${ulid().slice(-6)}`, '2026-03-01T10:01:00.000Z');
  }
  const person: SpontaneousVolunteer = {
    id: ulid(),
    requestId: request.id,
    name: 'Sam Spontaan',
    birthDate: '1992-05-17',
    phone: aMobilePhone(),
    language: 'nl',
    skills: [],
    consentAt: '2026-03-01T10:02:00.000Z',
    minor: false,
    insurance: {
      status: 'covered',
      policyReference: 'RKV-GVK-COLLECTIEF',
      coveredFrom: '2026-03-01T10:02:00.000Z',
    },
    status: 'alerted',
    registeredAt: '2026-03-01T10:02:00.000Z',
  };
  const code = (await helpRequests.get(request.id))!.spontaneousCall!.code;
  await adHoc.register(
    person,
    anAlert(request.id, person.id, { spontaneous: true, response: 'accepted' }),
    { municipality: '44021' },
    { code, cap: 1000 },
  );
  const sms = new RecordingSmsGateway();
  const metrics = new InMemoryMetrics();
  const ports = {
    alerts,
    smsLedger,
    volunteers,
    adHoc,
    claims,
    helpRequests,
    dutyRoster: new DutyRosterRepository(),
    sms,
    smsJobs: new RecordingSmsQueue(),
    metrics,
    clock,
    smsRates,
    smsPool: TEST_POOL,
    sleep: async () => {},
    timing: { ackTimeoutSeconds: 300, responseWindowSeconds: 900, aftercareWindowSeconds: 3600 },
    newId: () => ulid(),
  };
  return { request, person, sms, ports };
};

describe('STOP from a spontaneous volunteer, with DynamoDB Local', () => {
  it('confirms once and withholds every further SMS of the request to that number, queued before or after', async () => {
    const { request, person, sms, ports } = await spontaneouslyRegistered();
    // An update queued before the STOP, and the stand-down after it.
    await smsLedger.createUpdate(request.id, 'update-1', person.id, '2026-03-01T10:03:00.000Z');
    const update: SmsJob = {
      requestId: request.id,
      kind: 'update',
      updateId: 'update-1',
      volunteerId: person.id,
      spontaneous: true,
      to: person.phone,
      body: 'Rode Kruis Gent: verzamelen aan de kerk',
    };
    const stop = inbound(person.phone, 'stop');

    expect(await handleInboundSms(ports, stop, RECEIVED_AT)).toBe('opted-out');
    expect(await handleInboundSms(ports, stop, RECEIVED_AT)).toBe('answered-before');
    await smsLedger.createStandDown(request.id, person.id, '2026-03-01T12:00:00.000Z');
    const standDown: SmsJob = { ...update, kind: 'stand-down', body: 'Rode Kruis: afgesloten' } as SmsJob;

    expect(await dispatchSms(ports, update)).toBe('withheld');
    expect(await dispatchSms(ports, standDown)).toBe('withheld');
    // Redelivered, they stay withheld.
    expect(await dispatchSms(ports, update)).toBe('duplicate');

    expect(sms.sentTo(person.phone)).toEqual([renderOptedOutSms('nl', 'spontaneous')]);
    expect(await smsLedger.findSms(update)).toMatchObject({ smsStatus: 'withheld' });
    expect((await adHoc.get(request.id, person.id))?.optedOutAt).toBe(RECEIVED_AT);
    // The answer stands: STOP silences the SMS, it is no decline.
    expect((await alerts.get(request.id, person.id))?.response).toBe('accepted');
  });

  it('still sends the SMS of the other spontaneous volunteers of the request', async () => {
    const { request, person, ports, sms } = await spontaneouslyRegistered();
    const other = await spontaneouslyRegistered(request);
    await handleInboundSms(ports, inbound(other.person.phone, 'STOP'), RECEIVED_AT);
    await smsLedger.createStandDown(request.id, person.id, '2026-03-01T12:00:00.000Z');

    const job: SmsJob = {
      requestId: request.id,
      kind: 'stand-down',
      volunteerId: person.id,
      spontaneous: true,
      to: person.phone,
      body: 'Rode Kruis: afgesloten',
    };
    expect(await dispatchSms(ports, job)).toBe('sent');
    expect(sms.sentTo(person.phone)).toEqual(['Rode Kruis: afgesloten']);
  });
});

describe('a member who opted out, at the dispatcher, with DynamoDB Local', () => {
  it('withholds an alert queued before the member sent STOP, and sends nothing', async () => {
    const [member] = await volunteers.registerMembers(
      '44021',
      [aVolunteer({ phone: aMobilePhone() })],
      anIdentity(['coordinator'], undefined, 'coordinator-1'),
    );
    const alert = anAlert(ulid(), member!.id);
    await alerts.createMany([alert]);
    await volunteers.optOut(member!.id, RECEIVED_AT);
    const sms = new RecordingSmsGateway();
    const ports = dispatcherPorts(sms);

    expect(await dispatchSms(ports, anAlertJob(alert, member!.phone))).toBe('withheld');

    expect(sms.sent).toEqual([]);
    expect((await alertOf(alert.requestId, member!.id))?.smsStatus).toBe('withheld');
  });
  it('withholds the "enough volunteers" SMS to a member who sent STOP before it went out', async () => {
    const [member] = await volunteers.registerMembers(
      '44021',
      [aVolunteer({ phone: aMobilePhone() })],
      anIdentity(['coordinator'], undefined, 'coordinator-1'),
    );
    const alert = anAlert(ulid(), member!.id);
    await alerts.createMany([alert]);
    expect(await smsLedger.recordEnough(alert.requestId, member!.id, RECEIVED_AT)).toBe('released');
    await volunteers.optOut(member!.id, RECEIVED_AT);
    const sms = new RecordingSmsGateway();
    const ports = dispatcherPorts(sms);
    const enough: SmsJob = {
      ...anAlertJob(alert, member!.phone),
      kind: 'enough',
      body: 'Rode Kruis: genoeg',
    };

    expect(await dispatchSms(ports, enough)).toBe('withheld');
    expect(sms.sent).toEqual([]);
  });
});
