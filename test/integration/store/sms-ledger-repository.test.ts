import { ulid } from 'ulid';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Alert } from '../../../shared/domain/alert';
import { AlertRepository } from '../../../shared/store/alert-repository';
import { SmsLedgerRepository } from '../../../shared/store/sms-ledger-repository';
import { anAlert, anAlertJob, aSentSms } from '../../builders/alert';
import { createTestTables } from '../../support/tables';

const T0 = '2026-03-01T10:00:00.000Z';
const T1 = '2026-03-01T10:01:00.000Z';
const T2 = '2026-03-01T10:02:00.000Z';
const T3 = '2026-03-01T10:03:00.000Z';

let alerts: AlertRepository;
let smsLedger: SmsLedgerRepository;

beforeAll(async () => {
  await createTestTables();
  alerts = new AlertRepository();
  smsLedger = new SmsLedgerRepository();
});

/** A volunteer's alert, stored as mobilisation stores it: the first SMS record of the ledger. */
const aStoredAlert = async (requestId = ulid()): Promise<Alert> => {
  const alert = anAlert(requestId, ulid());
  expect(await alerts.createMany([alert])).toBe(1);
  return alert;
};

/** The alert as the store holds it now. */
const current = async (alert: Alert): Promise<Alert> => {
  const found = await alerts.get(alert.requestId, alert.volunteerId);
  if (!found) throw new Error(`alert of ${alert.volunteerId} not found`);
  return found;
};

describe('SmsLedgerRepository on DynamoDB Local', () => {
  describe('claiming an SMS for sending', () => {
    it('claims a queued alert once, saying since when it is owed; a second claim (a duplicate delivery) is refused', async () => {
      const alert = await aStoredAlert();
      const job = anAlertJob(alert);

      // Its time to live runs from when it was queued, not from the claim.
      expect(await smsLedger.claimForSending(job, T1, T0)).toEqual({
        attempts: 0,
        queuedAt: alert.createdAt,
      });
      expect(await smsLedger.claimForSending(job, T1, T0)).toBeUndefined();
    });

    it('takes over a claim older than staleBefore, so an SMS whose dispatcher died is not lost', async () => {
      const alert = await aStoredAlert();
      const job = anAlertJob(alert);
      await smsLedger.claimForSending(job, T1, T0);

      expect(await smsLedger.claimForSending(job, T2, T1)).toBeUndefined();
      expect(await smsLedger.claimForSending(job, T3, T2)).toMatchObject({ attempts: 0 });
      expect(await current(alert)).toMatchObject({ smsStatus: 'sending', claimedAt: T3 });
    });

    it('refuses to claim an SMS for an alert that does not exist, and creates no item', async () => {
      const job = anAlertJob({ requestId: ulid(), volunteerId: ulid() });

      expect(await smsLedger.claimForSending(job, T1, T0)).toBeUndefined();
      expect(await alerts.listForRequest(job.requestId)).toEqual([]);
    });

    it('marks a claimed SMS as sent with its message id, after which it can no longer be claimed', async () => {
      const alert = await aStoredAlert();
      const job = anAlertJob(alert);
      await smsLedger.claimForSending(job, T1, T0);

      expect(await smsLedger.markSent(aSentSms(job, 'msg-42'), new Date(T2))).toBe(true);

      const sent = await current(alert);
      expect(sent).toMatchObject({ smsStatus: 'sent', sentAt: T2, messageId: 'msg-42' });
      expect(sent).not.toHaveProperty('claimedAt');
      expect(await smsLedger.claimForSending(job, T3, T3)).toBeUndefined();
    });

    it('does not mark an SMS sent that was never claimed', async () => {
      const alert = await aStoredAlert();

      expect(await smsLedger.markSent(aSentSms(anAlertJob(alert), 'msg-1'), new Date(T1))).toBe(false);
      expect((await current(alert)).smsStatus).toBe('queued');
    });

    it('releases a claimed SMS back to queued so that a new claim succeeds', async () => {
      const alert = await aStoredAlert();
      const job = anAlertJob(alert);
      await smsLedger.claimForSending(job, T1, T0);

      expect(await smsLedger.release(job)).toBe(true);
      const released = await current(alert);
      expect(released.smsStatus).toBe('queued');
      expect(released).not.toHaveProperty('claimedAt');

      expect(await smsLedger.claimForSending(job, T1, T0)).toMatchObject({ attempts: 0 });
    });

    it('does not release an SMS that was sent already', async () => {
      const alert = await aStoredAlert();
      const job = anAlertJob(alert);
      await smsLedger.claimForSending(job, T1, T0);
      await smsLedger.markSent(aSentSms(job, 'msg-1'), new Date(T1));

      expect(await smsLedger.release(job)).toBe(false);
      expect((await current(alert)).smsStatus).toBe('sent');
    });

    it('claims a stand-down SMS through its own record, once', async () => {
      const requestId = ulid();
      const volunteerId = ulid();
      expect(await smsLedger.createStandDown(requestId, volunteerId, T0)).toBe(true);
      expect(await smsLedger.createStandDown(requestId, volunteerId, T1)).toBe(false);
      const job = { ...anAlertJob({ requestId, volunteerId }), kind: 'stand-down' as const };

      expect(await smsLedger.claimForSending(job, T1, T0)).toEqual({ attempts: 0, queuedAt: T0 });
      expect(await smsLedger.claimForSending(job, T1, T0)).toBeUndefined();
      expect(await alerts.listForRequest(requestId)).toEqual([]);
    });
  });
});

describe('SmsLedgerRepository under concurrency on DynamoDB Local', () => {
  it('lets exactly one of 20 simultaneous claims of the same SMS win', async () => {
    const job = anAlertJob(await aStoredAlert());

    const claims = await Promise.all(
      Array.from({ length: 20 }, () => smsLedger.claimForSending(job, T1, T0)),
    );

    expect(claims.filter(Boolean)).toHaveLength(1);
  });
});
