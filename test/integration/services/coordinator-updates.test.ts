import { beforeAll, describe, expect, it } from 'vitest';
import { Conflict, Forbidden, RuleViolation } from '../../../shared/domain/errors';
import { updateRoom } from '../../../shared/domain/sms-templates';
import { sendCoordinatorUpdate } from '../../../shared/services/coordinator-updates';
import { dispatchSms } from '../../../shared/services/sms';
import { anAlert } from '../../builders/alert';
import { aHelpRequest } from '../../builders/help-request-record';
import { anIdentity } from '../../builders/identity';
import { aMobilePhone } from '../../builders/phone';
import { aNewMember } from '../../builders/registration';
import { createTestTables } from '../../support/tables';
import { type TestPorts, testPorts } from '../ports';

const coordinator = anIdentity(['coordinator'], undefined, 'coordinator-1');
const admin = anIdentity(['municipal-admin'], '44021', 'gent-admin');

let ports: TestPorts;
beforeAll(async () => {
  await createTestTables();
  ports = testPorts();
});

/** A request of Gent with three members alerted: one accepted (in French), one declined, one silent. */
const aRequestWithAnswers = async () => {
  const request = aHelpRequest();
  await ports.helpRequests.create(request);
  const [accepted, declined, silent] = await ports.volunteers.registerMembers(
    '44021',
    [
      aNewMember({ phone: aMobilePhone(), language: 'fr' }),
      aNewMember({ phone: aMobilePhone() }),
      aNewMember({ phone: aMobilePhone() }),
    ],
    admin,
  );
  await ports.alerts.createMany([
    anAlert(request.id, accepted!.id, { response: 'accepted', respondedAt: '2026-03-02T09:00:00.000Z' }),
    anAlert(request.id, declined!.id, { response: 'declined', respondedAt: '2026-03-02T09:01:00.000Z' }),
    anAlert(request.id, silent!.id),
  ]);
  return { request, accepted: accepted!, declined: declined!, silent: silent! };
};

describe('sendCoordinatorUpdate with DynamoDB Local', () => {
  it('leaves out a volunteer who accepted and then texted STOP: no SMS queued, not counted as a recipient', async () => {
    const { request, accepted } = await aRequestWithAnswers();
    await ports.volunteers.optOut(accepted.id, '2026-03-02T09:30:00.000Z');
    const before = ports.smsJobs.jobs.length;

    const update = await sendCoordinatorUpdate(ports, coordinator, request.id, {
      message: 'Verzamelen om 14u.',
    });

    expect(update).toMatchObject({ recipients: 0 });
    expect(ports.smsJobs.jobs.slice(before)).toEqual([]);
  });

  it('texts every volunteer who accepted, in their language, and records it on the timeline', async () => {
    const { request, accepted } = await aRequestWithAnswers();
    const before = ports.smsJobs.jobs.length;

    const update = await sendCoordinatorUpdate(ports, coordinator, request.id, {
      message: 'Verzamelen aan de kerk om 14u, laarzen mee.',
    });

    expect(update).toMatchObject({ recipients: 1 });
    expect(ports.smsJobs.jobs.slice(before)).toEqual([
      {
        requestId: request.id,
        kind: 'update',
        updateId: update.updateId,
        volunteerId: accepted.id,
        to: accepted.phone,
        body: 'Croix-Rouge Gent: Verzamelen aan de kerk om 14u, laarzen mee.',
      },
    ]);
    const entry = (await ports.helpRequests.timeline(request.id)).find((e) => e.type === 'update-sent');
    expect(entry).toMatchObject({ updateId: update.updateId, recipients: 1, by: 'coordinator-1' });
  });

  it('sends each recipient’s SMS once, however often the job is delivered', async () => {
    const { request, accepted } = await aRequestWithAnswers();
    const before = ports.smsJobs.jobs.length;
    await sendCoordinatorUpdate(ports, coordinator, request.id, { message: 'Einde rond 18u.' });
    const [job] = ports.smsJobs.jobs.slice(before);

    expect(await dispatchSms(ports, job!)).toBe('sent');
    expect(await dispatchSms(ports, job!)).toBe('duplicate');
    expect(ports.sms.sent.filter((m) => m.to === accepted.phone)).toHaveLength(1);
  });

  it('sends two updates as two SMS: each update is its own message', async () => {
    const { request } = await aRequestWithAnswers();
    const before = ports.smsJobs.jobs.length;
    const first = await sendCoordinatorUpdate(ports, coordinator, request.id, {
      message: 'Om 14u aan de kerk.',
    });
    const second = await sendCoordinatorUpdate(ports, coordinator, request.id, { message: 'Nu om 15u.' });

    const jobs = ports.smsJobs.jobs.slice(before);
    for (const job of jobs) expect(await dispatchSms(ports, job)).toBe('sent');
    expect(first.updateId).not.toBe(second.updateId);
    expect(jobs).toHaveLength(2);
  });

  it('refuses a message that would not fit one SMS, naming the room left, and queues nothing', async () => {
    const { request } = await aRequestWithAnswers();
    const before = ports.smsJobs.jobs.length;
    const room = updateRoom('Gent');

    const tooLong = sendCoordinatorUpdate(ports, coordinator, request.id, { message: '€'.repeat(room) });

    await expect(tooLong).rejects.toThrow(RuleViolation);
    await expect(tooLong).rejects.toThrow(`at most ${room} GSM-7 characters`);
    expect(ports.smsJobs.jobs.length).toBe(before);
    const fits = await sendCoordinatorUpdate(ports, coordinator, request.id, { message: 'ë'.repeat(room) });
    expect(fits.recipients).toBe(1);
  });

  it('answers 409 for a closed request and 403 for anyone but a coordinator', async () => {
    const { request } = await aRequestWithAnswers();
    const crisis = anIdentity(['crisis-centre']);
    await expect(sendCoordinatorUpdate(ports, crisis, request.id, { message: 'Hallo' })).rejects.toThrow(
      Forbidden,
    );
    await ports.helpRequests.close(request.id, 'coordinator-1', '2026-03-02T12:00:00.000Z');
    await expect(sendCoordinatorUpdate(ports, coordinator, request.id, { message: 'Hallo' })).rejects.toThrow(
      Conflict,
    );
  });
});
