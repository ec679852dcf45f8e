import { ulid } from 'ulid';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Conflict, NotFound } from '../../../shared/domain/errors';
import type { HelpRequest } from '../../../shared/schemas/help-request';
import type { InboundSms } from '../../../shared/schemas/sms-job';
import { checkIn, checkOut } from '../../../shared/services/deployments';
import { closeHelpRequest } from '../../../shared/services/help-requests';
import { mobilise, standDown } from '../../../shared/services/lifecycle';
import { dispatchSms, handleInboundSms } from '../../../shared/services/sms';
import {
  openSpontaneousCall,
  purgeAdHocData,
  registerSpontaneousVolunteer,
} from '../../../shared/services/spontaneous';
import { AdHocRepository } from '../../../shared/store/ad-hoc-repository';
import { documentClient } from '../../../shared/store/dynamo-client';
import { aHelpRequest } from '../../builders/help-request-record';
import { anIdentity } from '../../builders/identity';
import { aMobilePhone } from '../../builders/phone';
import { aSpontaneousRegistration } from '../../builders/spontaneous';
import { aVolunteer } from '../../builders/volunteer';
import { createTestTables } from '../../support/tables';
import { scanTable, type TestPorts, testPorts } from '../ports';

const coordinator = anIdentity(['coordinator'], undefined, 'coordinator-1');
const BASE = 'https://hulp.example.be';
/** Registrations per call: far above what these tests register. */
const CAP = 1000;

let ports: TestPorts;
let tables: Record<string, string>;
beforeAll(async () => {
  tables = (await createTestTables()).tables;
  ports = testPorts();
});
beforeEach(() => {
  ports.smsJobs.jobs.length = 0;
});

const keyOf = (item: Record<string, unknown>) => `${item.pk ?? item.id}|${item.sk ?? ''}`;

/** Every item of every table, by table, in key order so two snapshots compare item by item. */
const everything = async () =>
  Object.fromEntries(
    await Promise.all(
      Object.entries(tables).map(async ([name, table]) => [
        name,
        (await scanTable(table)).sort((a, b) => keyOf(a).localeCompare(keyOf(b))),
      ]),
    ),
  ) as Record<string, Record<string, unknown>[]>;

const storedRequest = async (overrides: Partial<HelpRequest> = {}) => {
  const request = aHelpRequest({ spontaneousCallAllowed: true, ...overrides });
  await ports.helpRequests.create(request);
  return request;
};

const openCall = async (overrides: Partial<HelpRequest> = {}) => {
  const request = await storedRequest(overrides);
  const { call } = await openSpontaneousCall(ports, coordinator, request.id, BASE);
  return { request, call };
};

const inbound = (from: string, messageBody: string): InboundSms => ({
  originationNumber: from,
  messageBody,
  inboundMessageId: ulid(),
});

describe('opening a spontaneous call, with DynamoDB Local', () => {
  it('opens the call once with a public code, a pointer to the request and a timeline entry; again returns the same call', async () => {
    const request = await storedRequest();

    const first = await openSpontaneousCall(ports, coordinator, request.id, BASE);
    const again = await openSpontaneousCall(ports, coordinator, request.id, BASE);

    expect(first.created).toBe(true);
    // The link opens the citizens' page; software posts to the route.
    expect(first.call.registrationUrl).toBe(`${BASE}/r/${first.call.code}`);
    expect(first.call.registrationPath).toBe(`/spontaneous/${first.call.code}/registrations`);
    expect(again).toEqual({ call: first.call, created: false });
    expect((await ports.adHoc.callForCode(first.call.code))?.requestId).toBe(request.id);
    expect((await ports.helpRequests.get(request.id))?.spontaneousCall).toEqual({
      code: first.call.code,
      openedAt: first.call.openedAt,
    });
    const opened = (await ports.helpRequests.timeline(request.id)).filter(
      (e) => e.type === 'spontaneous-call-opened',
    );
    expect(opened).toHaveLength(1);
  });

  it('refuses a request launched without a spontaneous call (422 rule) and a closed one (409), writing nothing', async () => {
    const notAllowed = await storedRequest({ spontaneousCallAllowed: false });
    const closed = await storedRequest({ status: 'closed' });

    await expect(openSpontaneousCall(ports, coordinator, notAllowed.id, BASE)).rejects.toMatchObject({
      rule: 'spontaneous-call-not-allowed',
    });
    await expect(openSpontaneousCall(ports, coordinator, closed.id, BASE)).rejects.toBeInstanceOf(Conflict);
    await expect(openSpontaneousCall(ports, coordinator, ulid(), BASE)).rejects.toBeInstanceOf(NotFound);
    expect((await ports.helpRequests.get(notAllowed.id))?.spontaneousCall).toBeUndefined();
    expect((await ports.helpRequests.get(closed.id))?.spontaneousCall).toBeUndefined();
  });
});

describe('registering for a spontaneous call, with DynamoDB Local', () => {
  it('stores the citizen in the AdHoc table only, counts and marks their alert, and queues the welcome SMS', async () => {
    const { request, call } = await openCall();
    const body = aSpontaneousRegistration({ name: 'Ria Registreert' });

    const { registration } = await registerSpontaneousVolunteer(ports, call.code, body);

    expect(registration).toEqual({ id: expect.any(String), status: 'alerted' });
    const all = await everything();
    expect(JSON.stringify(all.AdHoc)).toContain('Ria Registreert');
    for (const table of ['Registry', 'Operations', 'Audit']) {
      expect(JSON.stringify(all[table]), table).not.toContain('Ria Registreert');
      expect(JSON.stringify(all[table]), table).not.toContain(body.phone);
    }
    const alert = (await ports.alerts.listForRequest(request.id)).find(
      (a) => a.volunteerId === registration.id,
    );
    expect(alert).toMatchObject({ spontaneous: true, smsStatus: 'queued' });
    expect((await ports.helpRequests.get(request.id))?.counts.alerted).toBe(1);
    expect(ports.smsJobs.jobs).toEqual([
      expect.objectContaining({
        kind: 'alert',
        volunteerId: registration.id,
        to: body.phone,
        body: `Rode Kruis: bedankt voor je registratie voor Gent: ${request.title}. Antwoord JA ${alert?.code} of NEE ${alert?.code}.`,
      }),
    ]);
  });

  it('tries a registration again when it collided with a concurrent one on the request, and counts it once', async () => {
    const { request, call } = await openCall();
    const db = documentClient();
    let collisions = 0;
    // DynamoDB Local never cancels for a conflict; a surge in AWS does, on the request's shared counts.
    const collidingOnce = {
      send: (command: { input: object }) => {
        if ('TransactItems' in command.input && collisions++ === 0)
          return Promise.reject(
            Object.assign(new Error('Transaction cancelled [TransactionConflict, None, None]'), {
              name: 'TransactionCanceledException',
              CancellationReasons: [{ Code: 'TransactionConflict' }, { Code: 'None' }, { Code: 'None' }],
            }),
          );
        return db.send(command as never);
      },
    } as unknown as typeof db;

    const { registration } = await registerSpontaneousVolunteer(
      { ...ports, adHoc: new AdHocRepository(collidingOnce) },
      call.code,
      aSpontaneousRegistration(),
    );

    expect(await ports.adHoc.get(request.id, registration.id)).toBeDefined();
    expect(collisions).toBe(2);
    expect((await ports.helpRequests.get(request.id))?.counts.alerted).toBe(1);
    expect(ports.smsJobs.jobs).toHaveLength(1);
  });

  it('answers the same phone registering again like a new citizen, with a fresh unusable id, writing nothing and sending no second SMS', async () => {
    const { request, call } = await openCall();
    const phone = aMobilePhone();
    const first = await registerSpontaneousVolunteer(
      ports,
      call.code,
      aSpontaneousRegistration({ phone }),
      CAP,
    );
    await dispatchSms(ports, ports.smsJobs.jobs[0]!);
    const before = await everything();

    const again = await registerSpontaneousVolunteer(
      ports,
      call.code.toLowerCase(),
      aSpontaneousRegistration({ phone, name: 'Andere Naam' }),
      CAP,
    );

    expect(again.registration).toEqual({ id: expect.any(String), status: 'alerted' });
    expect(again.registration.id).not.toBe(first.registration.id);
    expect(await ports.adHoc.get(request.id, again.registration.id)).toBeUndefined();
    expect(await everything()).toEqual(before);
    expect(ports.smsJobs.jobs).toHaveLength(1);
    expect(ports.sms.sent.filter((sms) => sms.to === phone)).toHaveLength(1);
    expect((await ports.helpRequests.get(request.id))?.counts.alerted).toBe(1);
  });

  it('refuses a registration once the call has reached its cap (spontaneous-call-full), storing and sending nothing, a repeat included', async () => {
    const { call } = await openCall();
    const phone = aMobilePhone();
    await registerSpontaneousVolunteer(ports, call.code, aSpontaneousRegistration({ phone }), 2);
    await registerSpontaneousVolunteer(ports, call.code, aSpontaneousRegistration(), 2);
    ports.smsJobs.jobs.length = 0;
    const before = await everything();
    // The one write a full call gets: marked full on its pointer, so the next are refused on reading the code.
    const markedFull = (all: Awaited<ReturnType<typeof everything>>) => ({
      ...all,
      Operations: all.Operations!.map((item) =>
        item.pk === `CALL#${call.code}` && item.sk === 'CALL' ? { ...item, fullAtCap: 2 } : item,
      ),
    });

    // The known phone first, while every shard is tried; then an unknown one, refused on the mark.
    await expect(
      registerSpontaneousVolunteer(ports, call.code, aSpontaneousRegistration({ phone }), 2),
    ).rejects.toMatchObject({ rule: 'spontaneous-call-full' });
    await expect(
      registerSpontaneousVolunteer(ports, call.code, aSpontaneousRegistration(), 2),
    ).rejects.toMatchObject({ rule: 'spontaneous-call-full' });

    expect(await everything()).toEqual(markedFull(before));
    expect(ports.smsJobs.jobs).toEqual([]);
  });

  it('refuses a 15-year-old (minimum-age) and a 17-year-old without parental consent, storing nothing', async () => {
    const { call } = await openCall();
    const before = await everything();

    await expect(
      registerSpontaneousVolunteer(ports, call.code, aSpontaneousRegistration({ birthDate: '2011-03-03' })),
    ).rejects.toMatchObject({ rule: 'minimum-age' });
    await expect(
      registerSpontaneousVolunteer(ports, call.code, aSpontaneousRegistration({ birthDate: '2009-01-01' })),
    ).rejects.toMatchObject({ rule: 'parental-consent-required' });

    expect(await everything()).toEqual(before);
    expect(ports.smsJobs.jobs).toEqual([]);
  });

  it('registers a 16-year-old with parental consent but does not alert them for an adults-only request', async () => {
    const { request, call } = await openCall({
      needs: [{ task: 'operational', volunteers: 2, adultsOnly: true }],
    });

    const { registration } = await registerSpontaneousVolunteer(
      ports,
      call.code,
      aSpontaneousRegistration({ birthDate: '2010-01-01', parentalConsent: true }),
    );

    expect(registration.status).toBe('registered');
    expect(await ports.alerts.listForRequest(request.id)).toEqual([]);
    expect(ports.smsJobs.jobs).toEqual([]);
  });

  it('answers an unknown or malformed code with NotFound and a closed request with Conflict', async () => {
    const { request, call } = await openCall();
    await expect(
      registerSpontaneousVolunteer(ports, 'ABCDEFGHJK', aSpontaneousRegistration()),
    ).rejects.toBeInstanceOf(NotFound);
    await expect(
      registerSpontaneousVolunteer(ports, 'not a code', aSpontaneousRegistration()),
    ).rejects.toBeInstanceOf(NotFound);
    await closeHelpRequest(ports, coordinator, request.id);
    await expect(
      registerSpontaneousVolunteer(ports, call.code, aSpontaneousRegistration()),
    ).rejects.toBeInstanceOf(Conflict);
  });
});

describe('a spontaneous volunteer through the lifecycle, and the purge, with DynamoDB Local', () => {
  it('treats them like members for replies, check-in/out and the stand-down, then purges exactly their items', async () => {
    const member = aVolunteer({ id: ports.newId(), phone: aMobilePhone(), name: 'Mia Member' });
    await ports.volunteers.registerMembers('44021', [member], coordinator);
    const { request, call } = await openCall({
      needs: [{ task: 'logistics', volunteers: 3, adultsOnly: false }],
    });
    await mobilise(ports, request.id, 'everyone');
    const spontaneous = aSpontaneousRegistration({
      name: 'Sven Spontaan',
      birthDate: '1987-08-29',
      language: 'en',
    });
    const declining = aSpontaneousRegistration({
      name: 'Dirk Declines',
      birthDate: '2009-06-01',
      parentalConsent: true,
    });
    const { registration } = await registerSpontaneousVolunteer(ports, call.code, spontaneous);
    const { registration: other } = await registerSpontaneousVolunteer(ports, call.code, declining);
    for (const job of ports.smsJobs.jobs) await dispatchSms(ports, job);
    const codeOf = async (volunteerId: string) =>
      (await ports.alerts.listForRequest(request.id)).find((a) => a.volunteerId === volunteerId)!.code;

    expect(
      await handleInboundSms(
        ports,
        inbound(spontaneous.phone, `JA ${await codeOf(registration.id)}`),
        ports.clock.now().toISOString(),
      ),
    ).toBe('recorded');
    expect(
      await handleInboundSms(ports, inbound(declining.phone, 'NEE'), ports.clock.now().toISOString()),
    ).toBe('recorded');
    expect(
      await handleInboundSms(
        ports,
        inbound(member.phone, `JA ${await codeOf(member.id)}`),
        ports.clock.now().toISOString(),
      ),
    ).toBe('recorded');
    await checkIn(ports, coordinator, request.id, registration.id);
    await checkIn(ports, coordinator, request.id, member.id);
    ports.clock.advance(90 * 60_000);
    await checkOut(ports, coordinator, request.id, registration.id);
    await closeHelpRequest(ports, coordinator, request.id);
    ports.smsJobs.jobs.length = 0;
    await standDown(ports, request.id);
    expect(ports.smsJobs.jobs.map((j) => j.to).sort()).toEqual([member.phone, spontaneous.phone].sort());
    for (const job of ports.smsJobs.jobs) await dispatchSms(ports, job);
    const secrets = [
      spontaneous.name,
      spontaneous.phone,
      spontaneous.birthDate,
      registration.id,
      declining.name,
      declining.phone,
      other.id,
    ];
    expect(JSON.stringify(await everything())).toContain(registration.id);
    expect(ports.sms.sent.some((sms) => sms.to === spontaneous.phone)).toBe(true);
    const before = await everything();

    const receipt = await purgeAdHocData(ports, request.id);

    const after = await everything();
    const stored = JSON.stringify(after);
    for (const secret of secrets) expect(stored).not.toContain(secret);
    expect(JSON.stringify(ports.sms.sent)).not.toContain(spontaneous.phone);
    expect(ports.sms.sent.some((sms) => sms.to === member.phone)).toBe(true);
    const ofRequest = `REQ#${request.id}`;
    expect(after.AdHoc!.filter((item) => item.pk === ofRequest || item.sk === ofRequest)).toEqual([]);
    // Everything that did not name them is still there, the member's alert, deployment and profile included.
    const ids = [registration.id, other.id];
    const aboutThem = (item: Record<string, unknown>) =>
      ids.includes(item.volunteerId as string) ||
      ids.includes((item.job as { volunteerId?: string } | undefined)?.volunteerId as string) ||
      String(item.pk).startsWith('CALL#');
    // The request record itself gains the anonymous totals.
    const kept = (table: string) => before[table]!.filter((item) => !aboutThem(item) && item.sk !== 'META');
    for (const table of ['Registry', 'Operations']) {
      for (const item of kept(table))
        expect(after[table], `${table} ${item.pk} ${item.sk}`).toContainEqual(item);
    }
    expect(await ports.volunteers.get(member.id)).toMatchObject({ name: 'Mia Member' });
    expect(await ports.deployments.get(request.id, member.id)).toMatchObject({ minutes: 90 });
    expect(await ports.adHoc.callForCode(call.code)).toBeUndefined();
    expect(receipt).toEqual({
      purgedAt: expect.any(String),
      totals: { registered: 2, minors: 1, accepted: 1, checkedIn: 1, minutesOnSite: 90 },
      deleted: {
        registrations: 2,
        phoneEntries: 2,
        alerts: 2,
        standDowns: 1,
        enoughNotices: 0,
        deployments: 1,
        timelineEntries: 4,
        coordinatorUpdates: 0,
        sentSmsPointers: 3,
        // The call's pointer and the shards its two registrations landed on (one or two).
        callPointers: before.Operations!.filter((item) => item.pk === `CALL#${call.code}`).length,
        // The welcome, the confirmation of their yes and the stand-down.
        smsTraces: 4,
      },
      elsewhere: [{ what: 'backups', until: expect.any(String) }],
      keptUnderInsuranceRetention: { claims: 0 },
    });
    expect((await ports.helpRequests.get(request.id))?.spontaneousTotals).toEqual(receipt.totals);
    expect(after.Audit!.filter((e) => e.action === 'spontaneous.purged')).toHaveLength(1);

    ports.clock.advance(60_000);
    const rerun = await purgeAdHocData(ports, request.id);

    expect(rerun).toEqual(receipt);
    expect(await everything()).toEqual(after);
    // Counted by the run that purged, not by the rerun.
    expect(ports.metrics.values('PurgedSpontaneousVolunteers')).toEqual([2]);
  });
  it('states on the receipt where copies stay after the purge and until when: backups 35 days, and no SMS log', async () => {
    const request = await storedRequest({ status: 'closed' });

    const receipt = await purgeAdHocData(ports, request.id);

    const daysAfterPurge = (days: number) =>
      new Date(Date.parse(receipt.purgedAt) + days * 24 * 3600 * 1000).toISOString();
    expect(receipt.elsewhere).toEqual([{ what: 'backups', until: daysAfterPurge(35) }]);
    expect((await ports.adHoc.receipt(request.id))?.elsewhere).toEqual(receipt.elsewhere);
  });
});
