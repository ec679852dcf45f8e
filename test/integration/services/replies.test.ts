import { ulid } from 'ulid';
import { beforeAll, describe, expect, it } from 'vitest';
import { replyCodeFor } from '../../../shared/domain/reply-code';
import { renderReserveSms } from '../../../shared/domain/sms-templates';
import { allMunicipalities } from '../../../shared/reference/municipalities';
import type { HelpRequest } from '../../../shared/schemas/help-request';
import type { InboundSms } from '../../../shared/schemas/sms-job';
import type { Volunteer } from '../../../shared/schemas/volunteer';
import { checkIn } from '../../../shared/services/deployments';
import { alertShortfall, evaluateResponses, mobilise } from '../../../shared/services/lifecycle';
import { handleInboundSms } from '../../../shared/services/sms';
import { anAlert } from '../../builders/alert';
import { aHelpRequest } from '../../builders/help-request-record';
import { anIdentity } from '../../builders/identity';
import { aMobilePhone } from '../../builders/phone';
import { aVolunteer } from '../../builders/volunteer';
import { createTestTables } from '../../support/tables';
import { type TestPorts, testPorts } from '../ports';

/**
 * How a volunteer's SMS answer finds its alert and what the volunteer hears back, on DynamoDB Local: each test
 * works in a municipality of its own, so one test's mobilisation never alerts another's volunteers.
 */
let ports: TestPorts;
const nisCodes = allMunicipalities().slice(40);
let nextNis = 0;
const COORDINATOR = anIdentity(['coordinator'], undefined, 'coordinator-1');

beforeAll(async () => {
  await createTestTables();
  ports = testPorts();
});

const inbound = (from: string, messageBody: string): InboundSms => ({
  originationNumber: from,
  destinationNumber: '+32460000000',
  messageBody,
  inboundMessageId: ulid(),
});

const reply = (phone: string, body: string, at = ports.clock.now().toISOString()) =>
  handleInboundSms(ports, inbound(phone, body), at);

/** A municipality of the test's own with `count` members (adults, logistics only unless overridden). */
const corps = async (count: number, overrides: Partial<Volunteer> = {}) => {
  const nis = nisCodes[nextNis++]!;
  const members = await ports.volunteers.registerMembers(
    nis,
    Array.from({ length: count }, () =>
      aVolunteer({ municipality: nis, phone: aMobilePhone(), ...overrides, id: ulid() }),
    ),
    COORDINATOR,
  );
  return { nis, members };
};

const launch = async (nis: string, overrides: Partial<HelpRequest> = {}) => {
  const request = aHelpRequest({ municipality: nis, scope: [nis], ...overrides });
  await ports.helpRequests.create(request);
  await mobilise(ports, request.id, 'everyone');
  return request;
};

const alertOf = async (requestId: string, volunteerId: string) =>
  (await ports.alerts.listForRequest(requestId)).find((a) => a.volunteerId === volunteerId);

const sentTo = (phone: string) => ports.sms.sent.filter((m) => m.to === phone).map((m) => m.body);

describe('replies match the alerts of open requests only', () => {
  it('lets a volunteer who left an alert of a closed request unanswered accept a new request with a bare JA', async () => {
    const { nis, members } = await corps(1);
    const volunteer = members[0]!;
    const old = await launch(nis, { title: 'Oude oproep' });
    await ports.helpRequests.close(old.id, 'coordinator-1', ports.clock.now().toISOString());
    const fresh = await launch(nis, { title: 'Nieuwe oproep' });

    expect(await reply(volunteer.phone, 'JA')).toBe('recorded');

    expect((await alertOf(fresh.id, volunteer.id))?.response).toBe('accepted');
    expect((await ports.helpRequests.get(fresh.id))?.counts.accepted).toBe(1);
    expect((await alertOf(old.id, volunteer.id))?.response).toBeUndefined();
  });

  it('resolves a new code and a bare reply of a volunteer with 20 past alerts, one of them with the new code', async () => {
    const { nis, members } = await corps(2);
    const past = Array.from({ length: 20 }, () => aHelpRequest({ municipality: nis, scope: [nis] }));
    for (const request of past) {
      await ports.helpRequests.create(request);
      await ports.helpRequests.close(request.id, 'coordinator-1', ports.clock.now().toISOString());
    }
    const fresh = aHelpRequest({ municipality: nis, scope: [nis], title: 'Dijkbreuk' });
    await ports.helpRequests.create(fresh);
    for (const volunteer of members) {
      // Twenty unanswered alerts of closed requests, the first with the very code the new request's hash gives.
      await ports.alerts.createMany(
        past.map((request, i) =>
          anAlert(request.id, volunteer.id, {
            municipality: nis,
            smsStatus: 'sent',
            ...(i === 0 ? { code: replyCodeFor(fresh.id, volunteer.id) } : {}),
          }),
        ),
      );
    }
    await mobilise(ports, fresh.id, 'everyone');
    const [coded, bare] = members as [Volunteer, Volunteer];
    const code = (await alertOf(fresh.id, coded.id))!.code;

    expect(await reply(coded.phone, `JA ${code}`)).toBe('recorded');
    expect(await reply(bare.phone, 'ja')).toBe('recorded');

    expect((await alertOf(fresh.id, coded.id))?.response).toBe('accepted');
    expect((await alertOf(fresh.id, bare.id))?.response).toBe('accepted');
    expect((await ports.helpRequests.get(fresh.id))?.counts.accepted).toBe(2);
  });

  it('draws another code when the hashed one is taken by an open alert of the same volunteer', async () => {
    const { nis, members } = await corps(1);
    const volunteer = members[0]!;
    const open = aHelpRequest({ municipality: nis, scope: [nis], status: 'mobilising' });
    const fresh = aHelpRequest({ municipality: nis, scope: [nis], title: 'Tweede oproep' });
    await ports.helpRequests.create(open);
    await ports.helpRequests.create(fresh);
    const taken = replyCodeFor(fresh.id, volunteer.id);
    await ports.alerts.createMany([
      anAlert(open.id, volunteer.id, { municipality: nis, smsStatus: 'sent', code: taken }),
    ]);

    await mobilise(ports, fresh.id, 'everyone');
    const alert = (await alertOf(fresh.id, volunteer.id))!;
    expect(alert.code).not.toBe(taken);
    expect(alert.code).toMatch(/^[1-9]\d{3}$/);
    // The SMS carries the stored code, and a retried mobilisation keeps it.
    expect(ports.smsJobs.jobs.filter((j) => j.requestId === fresh.id).at(-1)?.body).toContain(
      `JA ${alert.code}`,
    );
    await mobilise(ports, fresh.id, 'everyone');
    expect((await alertOf(fresh.id, volunteer.id))?.code).toBe(alert.code);

    expect(await reply(volunteer.phone, `JA ${alert.code}`)).toBe('recorded');
    expect((await alertOf(fresh.id, volunteer.id))?.response).toBe('accepted');
    expect((await alertOf(open.id, volunteer.id))?.response).toBeUndefined();
  });

  it('answers a bare JA with two open requests by listing both codes and titles, and records nothing', async () => {
    const { nis, members } = await corps(1, { language: 'en' });
    const volunteer = members[0]!;
    const first = await launch(nis, { title: 'Zandzakken vullen' });
    const second = await launch(nis, { title: 'Evacuatie rusthuis' });
    const codes = [
      (await alertOf(first.id, volunteer.id))!.code,
      (await alertOf(second.id, volunteer.id))!.code,
    ];

    const event = inbound(volunteer.phone, 'JA');
    expect(await handleInboundSms(ports, event, ports.clock.now().toISOString())).toBe('choice-sent');
    expect(await handleInboundSms(ports, event, ports.clock.now().toISOString())).toBe('answered-before');

    const [choice, ...rest] = sentTo(volunteer.phone);
    expect(rest).toEqual([]);
    expect(choice).toContain(`JA ${codes[0]}`);
    expect(choice).toContain(`JA ${codes[1]}`);
    expect(choice).toContain('Zandzakken vullen');
    expect(choice).toContain('Evacuatie rusthuis');
    expect((await ports.helpRequests.get(first.id))?.counts.accepted).toBe(0);
    expect((await ports.helpRequests.get(second.id))?.counts.accepted).toBe(0);
  });

  it('still thanks a volunteer whose coded answer is for a closed request', async () => {
    const { nis, members } = await corps(1);
    const volunteer = members[0]!;
    const old = await launch(nis);
    const code = (await alertOf(old.id, volunteer.id))!.code;
    await ports.helpRequests.close(old.id, 'coordinator-1', ports.clock.now().toISOString());

    expect(await reply(volunteer.phone, `JA ${code}`)).toBe('late');
    expect(sentTo(volunteer.phone).at(-1)).toContain('al afgesloten');
  });
});

describe('enough is judged per task', () => {
  it('does not take 10 logistics acceptances for a request of 2 medical and 8 logistics, and reports the medical shortfall', async () => {
    const { nis, members } = await corps(10);
    await ports.dutyRoster.put(
      { onDuty: { name: 'Van dienst', phone: '+32499400001' }, backups: [] },
      COORDINATOR,
      ports.clock.now().toISOString(),
    );
    const request = await launch(nis, {
      title: 'Noodopvang',
      allowWidening: false,
      needs: [
        { task: 'medical', volunteers: 2, adultsOnly: false },
        { task: 'logistics', volunteers: 8, adultsOnly: false },
      ],
    });
    for (const member of members) expect(await reply(member.phone, 'JA')).toBe('recorded');

    expect((await ports.helpRequests.get(request.id))?.counts).toMatchObject({
      accepted: 8,
      reserve: 2,
      byTask: { medical: { needed: 2, accepted: 0 }, logistics: { needed: 8, accepted: 8 } },
    });
    expect(await evaluateResponses(ports, request.id)).toMatchObject({
      decision: 'shortfall',
      short: [{ task: 'medical', needed: 2, accepted: 0 }],
    });
    await alertShortfall(ports, request.id);
    expect(ports.smsJobs.jobs.filter((j) => j.kind === 'shortfall' && j.requestId === request.id)).toEqual([
      expect.objectContaining({
        to: '+32499400001',
        body: 'Rode Kruis 24/7: tekort bij hulpvraag Gent: Noodopvang. 8 van 10 vrijwilligers. Tekort: medisch 0/2. Breid uit in de tool.',
      }),
    ]);
    // Nobody is told there are enough volunteers while the medical task lacks them.
    expect(ports.smsJobs.jobs.filter((j) => j.kind === 'enough' && j.requestId === request.id)).toEqual([]);
  });

  it('tells the volunteers still waiting at the evaluation when every task is filled, once each, and not those who answered', async () => {
    const { nis, members } = await corps(4);
    const request = await launch(nis, { needs: [{ task: 'logistics', volunteers: 1, adultsOnly: false }] });
    const [yes, no, ...waiting] = members as [Volunteer, Volunteer, Volunteer, Volunteer];
    const alert = (await alertOf(request.id, yes.id))!;
    // The yes is recorded, but the reply's handler stopped before telling anyone (a crash, a timeout).
    await ports.alerts.recordAnswer(
      alert,
      'accepted',
      ports.clock.now().toISOString(),
      undefined,
      'logistics',
    );
    expect(await reply(no.phone, 'NEE')).toBe('recorded');

    expect((await evaluateResponses(ports, request.id)).decision).toBe('enough');
    expect((await evaluateResponses(ports, request.id)).decision).toBe('enough');

    const enough = ports.smsJobs.jobs.filter((j) => j.kind === 'enough' && j.requestId === request.id);
    expect(new Set(enough.map((j) => j.to))).toEqual(new Set(waiting.map((v) => v.phone)));
    expect(enough[0]?.body).toBe(
      'Rode Kruis: er zijn genoeg vrijwilligers voor Wateroverlast Gentbrugge. Bedankt, je hoeft niet meer te antwoorden.',
    );
    // Queued again by the second run, but recorded once: the dispatcher sends each SMS once.
    const records = await Promise.all(
      waiting.map((v) =>
        ports.smsLedger.findSms({ requestId: request.id, kind: 'enough', volunteerId: v.id, body: '' }),
      ),
    );
    expect(records.map((r) => r?.smsStatus)).toEqual(['queued', 'queued']);
    expect(
      (await ports.helpRequests.timeline(request.id)).filter((e) => e.type === 'enough-volunteers'),
    ).toEqual([expect.objectContaining({ told: 2 })]);
    expect(await alertOf(request.id, waiting[0]!.id)).toHaveProperty('releasedAt');
    expect(await alertOf(request.id, no.id)).not.toHaveProperty('releasedAt');
  });
});

describe('the volunteer hears back', () => {
  it('confirms nothing when an older JA arrives after a later NEE, which stands', async () => {
    const { nis, members } = await corps(1);
    const volunteer = members[0]!;
    const request = await launch(nis);

    expect(await reply(volunteer.phone, 'NEE', '2026-03-02T10:05:00.000Z')).toBe('recorded');
    expect(await reply(volunteer.phone, 'JA', '2026-03-02T10:04:00.000Z')).toBe('unchanged');

    expect((await alertOf(request.id, volunteer.id))?.response).toBe('declined');
    expect(sentTo(volunteer.phone)).toEqual([]);
  });

  it('keeps a JA after every task is filled in reserve, tells them so, and lets the coordinator call them in', async () => {
    const { nis, members } = await corps(2);
    const [first, second] = members as [Volunteer, Volunteer];
    const request = await launch(nis, { needs: [{ task: 'logistics', volunteers: 1, adultsOnly: false }] });
    await reply(first.phone, 'JA');

    expect(await reply(second.phone, 'JA')).toBe('recorded');

    expect((await alertOf(request.id, second.id))?.response).toBe('reserve');
    expect(sentTo(second.phone)).toEqual([renderReserveSms('nl', { title: request.title })]);
    expect((await ports.helpRequests.get(request.id))?.counts).toMatchObject({ accepted: 1, reserve: 1 });
    expect(await checkIn(ports, COORDINATOR, request.id, second.id)).toMatchObject({
      volunteerId: second.id,
    });
  });
});
