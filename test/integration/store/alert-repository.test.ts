import { ulid } from 'ulid';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Alert } from '../../../shared/domain/alert';
import type { HelpRequest } from '../../../shared/schemas/help-request';
import { AlertRepository } from '../../../shared/store/alert-repository';
import { HelpRequestRepository } from '../../../shared/store/help-request-repository';
import { SmsLedgerRepository } from '../../../shared/store/sms-ledger-repository';
import { anAlert, anAlertJob, aSentSms } from '../../builders/alert';
import { aHelpRequest } from '../../builders/help-request-record';
import { createTestTables } from '../../support/tables';

const T0 = '2026-03-01T10:00:00.000Z';
const T1 = '2026-03-01T10:01:00.000Z';
const T2 = '2026-03-01T10:02:00.000Z';
const T3 = '2026-03-01T10:03:00.000Z';

let alerts: AlertRepository;
let smsLedger: SmsLedgerRepository;
let requests: HelpRequestRepository;

beforeAll(async () => {
  await createTestTables();
  alerts = new AlertRepository();
  smsLedger = new SmsLedgerRepository();
  requests = new HelpRequestRepository();
});

const aStoredRequest = async (overrides: Partial<HelpRequest> = {}): Promise<HelpRequest> => {
  const request = aHelpRequest(overrides);
  await requests.create(request);
  return request;
};

/** An alert for a fresh volunteer, stored as mobilisation stores it. */
const aStoredAlert = async (requestId = ulid()): Promise<Alert> => {
  const alert = anAlert(requestId, ulid());
  expect(await alerts.createMany([alert])).toBe(1);
  return alert;
};

/** The alert as the store holds it now (what handleInboundSms reads before recording an answer). */
const current = async (alert: Alert): Promise<Alert> => {
  const found = (await alerts.listForRequest(alert.requestId)).find(
    (a) => a.volunteerId === alert.volunteerId,
  );
  if (!found) throw new Error(`alert of ${alert.volunteerId} not found`);
  return found;
};

const countsOf = async (requestId: string) => (await requests.get(requestId))?.counts;

describe('AlertRepository on DynamoDB Local', () => {
  describe('creating alerts', () => {
    it('creates each alert once: the same alerts again create nothing and leave one alert per volunteer', async () => {
      const requestId = ulid();
      const batch = [anAlert(requestId, ulid()), anAlert(requestId, ulid()), anAlert(requestId, ulid())];

      expect(await alerts.createMany(batch)).toBe(3);
      expect(await alerts.createMany(batch)).toBe(0);

      const listed = await alerts.listForRequest(requestId);
      expect(listed).toHaveLength(3);
      expect(listed.map((a) => a.volunteerId).sort()).toEqual(batch.map((a) => a.volunteerId).sort());
      expect(listed).toContainEqual(batch[0]);
    });

    it('writes a mass mobilisation in transactions and, where some alerts exist, leaves those as they are', async () => {
      const requestId = (await aStoredRequest()).id;
      const batch = Array.from({ length: 250 }, () => anAlert(requestId, ulid()));
      // Alerts already on record in the first and the last chunk, one of them answered since.
      const answered = batch[7] as Alert;
      await alerts.createMany([answered, batch[240] as Alert]);
      expect(await alerts.recordAnswer(answered, 'accepted', T1, undefined)).toBe('recorded');

      expect(await alerts.createMany(batch)).toBe(248);

      const listed = await alerts.listForRequest(requestId);
      expect(listed).toHaveLength(250);
      expect(new Set(listed.map((a) => a.volunteerId))).toEqual(new Set(batch.map((a) => a.volunteerId)));
      expect((await current(answered)).response).toBe('accepted');
    });

    it('counts the volunteers alerted for a request, and nothing else of its partition', async () => {
      const requestId = ulid();
      await alerts.createMany(Array.from({ length: 4 }, () => anAlert(requestId, ulid())));
      await smsLedger.createStandDown(requestId, ulid(), T1);
      await smsLedger.createShortfallAlert(requestId, T1);

      expect(await alerts.countForRequest(requestId)).toBe(4);
      expect(await alerts.countForRequest(ulid())).toBe(0);
    });

    it('keeps an existing alert as it is when a retried mobilisation creates it again', async () => {
      const alert = await aStoredAlert();
      const job = anAlertJob(alert);
      await smsLedger.claimForSending(job, T1, T0);
      await smsLedger.markSent(aSentSms(job, 'msg-1'), new Date(T1));

      expect(await alerts.createMany([alert, anAlert(alert.requestId, ulid())])).toBe(1);

      expect(await current(alert)).toMatchObject({ smsStatus: 'sent', sentAt: T1 });
    });

    it('finds a volunteer\u2019s alerts across requests through the volunteer index', async () => {
      const volunteerId = ulid();
      const first = anAlert(ulid(), volunteerId);
      const second = anAlert(ulid(), volunteerId, { municipality: '44019' });
      await alerts.createMany([first, second, anAlert(first.requestId, ulid())]);

      const found = await alerts.listForVolunteer(volunteerId);

      expect(found).toHaveLength(2);
      expect(found).toEqual(expect.arrayContaining([first, second]));
      expect(await alerts.listForVolunteer(ulid())).toEqual([]);
    });
  });

  describe('recording answers', () => {
    it('records a first answer with the request counts and an entry on the timeline', async () => {
      const request = await aStoredRequest();
      const alert = await aStoredAlert(request.id);

      expect(await alerts.recordAnswer(alert, 'accepted', T1, 'pas om 14u', 'logistics')).toBe('recorded');

      expect(await current(alert)).toMatchObject({
        response: 'accepted',
        task: 'logistics',
        respondedAt: T1,
        note: 'pas om 14u',
      });
      expect(await countsOf(request.id)).toEqual({
        alerted: 0,
        accepted: 1,
        declined: 0,
        checkedIn: 0,
        reserve: 0,
        byTask: { logistics: { needed: 12, accepted: 1 } },
      });
      const timeline = await requests.timeline(request.id);
      expect(timeline).toContainEqual({
        at: T1,
        type: 'alert-accepted',
        volunteerId: alert.volunteerId,
        task: 'logistics',
      });
      // The free-text note stays on the alert only, where an erasure finds it; the timeline never repeats it.
      expect(JSON.stringify(timeline)).not.toContain('pas om 14u');
    });

    it('leaves the same answer repeated unchanged, and the counts with it', async () => {
      const request = await aStoredRequest();
      const alert = await aStoredAlert(request.id);
      await alerts.recordAnswer(alert, 'accepted', T1, undefined);

      expect(await alerts.recordAnswer(await current(alert), 'accepted', T2, undefined)).toBe('unchanged');

      expect(await countsOf(request.id)).toMatchObject({ accepted: 1, declined: 0 });
      expect(await current(alert)).toMatchObject({ response: 'accepted', respondedAt: T1 });
    });

    it('leaves a duplicate of the first answer unchanged even when it was computed from the unanswered alert', async () => {
      const request = await aStoredRequest();
      const alert = await aStoredAlert(request.id);
      await alerts.recordAnswer(alert, 'accepted', T1, undefined);

      expect(await alerts.recordAnswer(alert, 'accepted', T1, undefined)).toBe('unchanged');

      expect(await countsOf(request.id)).toMatchObject({ accepted: 1, declined: 0 });
      expect((await requests.timeline(request.id)).filter((e) => e.type === 'alert-accepted')).toHaveLength(
        1,
      );
    });

    it('moves the count when a volunteer changes their mind with a later answer', async () => {
      const request = await aStoredRequest();
      const alert = await aStoredAlert(request.id);
      await alerts.recordAnswer(alert, 'accepted', T1, 'kom met de bestelwagen', 'logistics');

      expect(await alerts.recordAnswer(await current(alert), 'declined', T2, undefined)).toBe('recorded');

      expect(await countsOf(request.id)).toEqual({
        alerted: 0,
        accepted: 0,
        declined: 1,
        checkedIn: 0,
        reserve: 0,
        byTask: { logistics: { needed: 12, accepted: 0 } },
      });
      const changed = await current(alert);
      expect(changed).toMatchObject({ response: 'declined', respondedAt: T2 });
      expect(changed).not.toHaveProperty('note');
      expect(changed).not.toHaveProperty('task');
    });

    it('lets a later answer win when it was read before an earlier one was stored (two replies at once)', async () => {
      const request = await aStoredRequest();
      const alert = await aStoredAlert(request.id);
      await alerts.recordAnswer(alert, 'accepted', T1, undefined);

      expect(await alerts.recordAnswer(alert, 'declined', T2, undefined)).toBe('recorded');

      expect(await countsOf(request.id)).toMatchObject({ accepted: 0, declined: 1 });
      expect(await current(alert)).toMatchObject({ response: 'declined', respondedAt: T2 });
    });

    it('ignores an answer older than the recorded one', async () => {
      const request = await aStoredRequest();
      const alert = await aStoredAlert(request.id);
      await alerts.recordAnswer(alert, 'accepted', T1, undefined);
      await alerts.recordAnswer(await current(alert), 'declined', T3, undefined);

      expect(await alerts.recordAnswer(await current(alert), 'accepted', T2, undefined)).toBe('unchanged');

      expect(await countsOf(request.id)).toMatchObject({ accepted: 0, declined: 1 });
      expect(await current(alert)).toMatchObject({ response: 'declined', respondedAt: T3 });
    });
  });

  describe('forgetting notes (erasure)', () => {
    it('removes the notes a volunteer left on alerts of every request and keeps their answers and counts', async () => {
      const volunteerId = ulid();
      const [first, second] = [await aStoredRequest(), await aStoredRequest()];
      const alertOne = anAlert(first.id, volunteerId);
      const alertTwo = anAlert(second.id, volunteerId);
      await alerts.createMany([alertOne, alertTwo]);
      await alerts.recordAnswer(alertOne, 'accepted', T1, 'met mijn buurman Jan');
      await alerts.recordAnswer(alertTwo, 'declined', T2, 'ziek');

      await alerts.forgetNotes(volunteerId);

      const one = await current(alertOne);
      const two = await current(alertTwo);
      expect(one).not.toHaveProperty('note');
      expect(two).not.toHaveProperty('note');
      expect(one).toMatchObject({ response: 'accepted', respondedAt: T1 });
      expect(two).toMatchObject({ response: 'declined', respondedAt: T2 });
      expect(await countsOf(first.id)).toMatchObject({ accepted: 1, declined: 0 });
    });

    it('leaves the notes of other volunteers on the same request alone', async () => {
      const request = await aStoredRequest();
      const leaving = await aStoredAlert(request.id);
      const staying = await aStoredAlert(request.id);
      await alerts.recordAnswer(leaving, 'accepted', T1, 'tot straks');
      await alerts.recordAnswer(staying, 'accepted', T1, 'ik breng zandzakken');

      await alerts.forgetNotes(leaving.volunteerId);

      expect(await current(leaving)).not.toHaveProperty('note');
      expect((await current(staying)).note).toBe('ik breng zandzakken');
    });
  });
});

describe('AlertRepository under concurrency on DynamoDB Local', () => {
  it('counts every one of 10 simultaneous answers to the same request', async () => {
    const request = await aStoredRequest();
    const batch = Array.from({ length: 10 }, () => anAlert(request.id, ulid()));
    await alerts.createMany(batch);

    // All ten transactions update the same request item at once. DynamoDB Local serialises transactions and never
    // answers TransactionConflict (so the repository's retry is not exercised here): a count of exactly 10 shows
    // that the counter is incremented in place (ADD) rather than read-modify-written, i.e. no update is lost.
    const outcomes = await Promise.all(
      batch.map((alert) => alerts.recordAnswer(alert, 'accepted', T1, undefined, 'logistics')),
    );

    expect(outcomes).toEqual(Array(10).fill('recorded'));
    expect(await countsOf(request.id)).toMatchObject({
      accepted: 10,
      byTask: { logistics: { needed: 12, accepted: 10 } },
    });
    expect((await requests.timeline(request.id)).filter((e) => e.type === 'alert-accepted')).toHaveLength(10);
  });

  it('fills a task no further than it needs: of 5 simultaneous acceptances for 3 places, 2 find it full', async () => {
    const request = await aStoredRequest({
      needs: [{ task: 'medical', volunteers: 3, adultsOnly: false }],
      counts: {
        alerted: 0,
        accepted: 0,
        declined: 0,
        checkedIn: 0,
        reserve: 0,
        byTask: { medical: { needed: 3, accepted: 0 } },
      },
    });
    const batch = Array.from({ length: 5 }, () => anAlert(request.id, ulid()));
    await alerts.createMany(batch);

    const outcomes = await Promise.all(
      batch.map((alert) => alerts.recordAnswer(alert, 'accepted', T1, undefined, 'medical')),
    );

    expect(outcomes.filter((o) => o === 'recorded')).toHaveLength(3);
    expect(outcomes.filter((o) => o === 'task-full')).toHaveLength(2);
    expect(await countsOf(request.id)).toMatchObject({
      accepted: 3,
      byTask: { medical: { needed: 3, accepted: 3 } },
    });
    const stored = await Promise.all(batch.map(current));
    expect(stored.filter((a) => a?.response === 'accepted')).toHaveLength(3);
    expect(stored.filter((a) => a?.response === undefined)).toHaveLength(2);
  });
});
