import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { LocalAttachmentStore } from '../../../local/runtime/attachment-store';
import { Conflict } from '../../../shared/domain/errors';
import type { Identity } from '../../../shared/domain/identity';
import { type FileClaimBody, fileClaimBodySchema } from '../../../shared/schemas/claim-form';
import type { SmsJob } from '../../../shared/schemas/sms-job';
import { purgeExpiredClaims } from '../../../shared/services/claim-retention';
import { addClaimAttachment, fileClaim, listClaims, updateClaim } from '../../../shared/services/claims';
import { eraseVolunteer } from '../../../shared/services/registry';
import { dispatchSms } from '../../../shared/services/sms';
import { aHelpRequest } from '../../builders/help-request-record';
import { anIdentity } from '../../builders/identity';
import { aMobilePhone } from '../../builders/phone';
import { aNewMember } from '../../builders/registration';
import { createTestTables } from '../../support/tables';
import { scanTable, type TestPorts, testPorts } from '../ports';

const coordinator = anIdentity(['coordinator'], undefined, 'coordinator-1');
const admin = anIdentity(['municipal-admin'], '44021', 'gent-admin');
/** A member's own token; as in Cognito, their `sub` is a random id of its own, not their volunteer id. */
const volunteerToken = (volunteerId: string): Identity => ({
  sub: `sub-${volunteerId.split('').reverse().join('')}`,
  roles: ['volunteer'],
  volunteerId,
});

const CHECK_IN = '2026-03-02T10:00:00.000Z';
const CHECK_OUT = '2026-03-02T12:00:00.000Z';
const AFTER = '2026-03-02T15:00:00.000Z';

let ports: TestPorts;
let tables: Record<string, string>;
beforeAll(async () => {
  tables = (await createTestTables()).tables;
  ports = testPorts();
});
beforeEach(() => {
  ports.smsJobs.jobs.length = 0;
  ports.clock.set(AFTER);
});

const aDeployedMember = async (options: { checkOut?: boolean } = {}) => {
  const request = aHelpRequest();
  await ports.helpRequests.create(request);
  const [member] = await ports.volunteers.registerMembers(
    '44021',
    [aNewMember({ phone: aMobilePhone(), name: 'Karel Claimant-Uniek' })],
    admin,
  );
  const deployment = await ports.deployments.checkIn(request.id, member!.id, CHECK_IN, 'coordinator-1', {
    municipality: request.municipality,
    spontaneous: false,
  });
  if (options.checkOut !== false) await ports.deployments.checkOut(deployment, CHECK_OUT, 'coordinator-1');
  return { request, member: member!, deployment };
};

const aClaimBody = (requestId: string, volunteerId: string): FileClaimBody =>
  fileClaimBodySchema.parse({
    requestId,
    volunteerId,
    kind: 'bodily-accident',
    occurredAt: '2026-03-02T11:15:00.000Z',
    location: 'Dijle, zandzakkenpost aan de brug',
    description: 'Uitgegleden op de dijk bij het sjouwen van zandzakken.',
    injuries: 'Verstuikte enkel',
    witnesses: [{ name: 'Wim Getuige', phone: '0478 12 34 56' }],
  }) as FileClaimBody;

const claimJobs = (claimId: string) =>
  ports.smsJobs.jobs.filter(
    (job): job is SmsJob & { kind: 'claim-status' } => job.kind === 'claim-status' && job.claimId === claimId,
  );

const itemsOf = async (table: string, pk: string) =>
  (await scanTable(tables[table]!)).filter((item) => item.pk === pk);

describe('erasing a member who filed claims, with DynamoDB Local', () => {
  it('refuses with 409 to erase a member who is checked in on site, until they are checked out', async () => {
    const { member, deployment } = await aDeployedMember({ checkOut: false });

    const refused = eraseVolunteer(ports, coordinator, member.id);
    await expect(refused).rejects.toBeInstanceOf(Conflict);
    await expect(refused).rejects.toThrow(/check(ed)? (them )?out/);
    expect(await ports.volunteers.get(member.id)).toBeDefined();
    expect(ports.accounts.deleted).not.toContain(member.id);

    await ports.deployments.checkOut(deployment, CHECK_OUT, 'coordinator-1');
    await eraseVolunteer(ports, coordinator, member.id);
    expect(await ports.volunteers.get(member.id)).toBeUndefined();
  });

  it('keeps the claim for the insurer without the phone or the link to the member, and deletes their account', async () => {
    const { request, member } = await aDeployedMember();
    const claim = await fileClaim(ports, volunteerToken(member.id), aClaimBody(request.id, member.id));

    await eraseVolunteer(ports, coordinator, member.id);

    const kept = (await ports.claims.get(claim.id))!;
    expect(kept.claimant).toEqual({
      name: member.name,
      language: member.language,
      spontaneous: false,
      erased: true,
    });
    expect(kept.volunteerId).toBeUndefined();
    expect(kept).toMatchObject({
      injuries: 'Verstuikte enkel',
      kind: 'bodily-accident',
      status: 'submitted',
    });
    // Third parties the insurer may need to hear: kept until the claim's retention date.
    expect(kept.witnesses).toEqual([{ name: 'Wim Getuige', phone: '+32478123456' }]);
    const partition = await itemsOf('Operations', `CLAIM#${claim.id}`);
    expect(JSON.stringify(partition)).not.toContain(member.phone);
    expect(JSON.stringify(partition)).not.toContain(member.id);
    expect((await listClaims(ports, coordinator, { volunteerId: member.id })).claims).toEqual([]);
    expect((await listClaims(ports, coordinator, { requestId: request.id })).claims.map((c) => c.id)).toEqual(
      [claim.id],
    );
    expect(ports.accounts.deleted).toContain(member.id);
    const audit = (await scanTable(tables.Audit!))
      .filter((e) => e.entityId === claim.id)
      .map((e) => e.action);
    expect(audit).toContain('claim.claimant-erased');
  });

  it('sends no more claim-status SMS: a queued one is withheld and later statuses queue none', async () => {
    const { request, member } = await aDeployedMember();
    const claim = await fileClaim(ports, volunteerToken(member.id), aClaimBody(request.id, member.id));
    const [queuedBefore] = claimJobs(claim.id);

    await eraseVolunteer(ports, coordinator, member.id);

    expect(await dispatchSms(ports, queuedBefore!)).toBe('withheld');
    expect(ports.sms.sent.filter((sms) => sms.to === member.phone)).toEqual([]);
    await updateClaim(ports, coordinator, claim.id, { status: 'in-review' });
    expect(claimJobs(claim.id)).toHaveLength(1);
    const record = (await itemsOf('Operations', `CLAIM#${claim.id}`)).find((i) => i.sk === 'SMS#in-review');
    expect(record).toMatchObject({ smsStatus: 'withheld' });
  });

  it('finishes on a retry what a failure half-way left: claims, account and member', async () => {
    const { request, member } = await aDeployedMember();
    const claim = await fileClaim(ports, volunteerToken(member.id), aClaimBody(request.id, member.id));
    ports.accounts.failNext = new Error('Cognito unavailable');

    await expect(eraseVolunteer(ports, coordinator, member.id)).rejects.toThrow('Cognito unavailable');
    expect(await ports.volunteers.get(member.id)).toBeDefined();

    await eraseVolunteer(ports, coordinator, member.id);
    expect(await ports.volunteers.get(member.id)).toBeUndefined();
    expect(ports.accounts.deleted).toContain(member.id);
    expect((await ports.claims.get(claim.id))?.claimant.erased).toBe(true);
  });
});

describe('claims past their retention date, with DynamoDB Local', () => {
  it('dates a claim’s retention from its final status: the configured years after settlement or rejection', async () => {
    const { request, member } = await aDeployedMember();
    const claim = await fileClaim(ports, volunteerToken(member.id), aClaimBody(request.id, member.id));
    for (const status of ['in-review', 'sent-to-insurer'] as const) {
      const moved = await updateClaim(ports, coordinator, claim.id, { status });
      expect(moved.retainUntil).toBeUndefined();
    }
    ports.clock.set('2026-06-30T09:00:00.000Z');
    const settled = await updateClaim(ports, coordinator, claim.id, { status: 'settled' });
    expect(ports.claimRetentionYears).toBe(5);
    expect(settled.retainUntil).toBe('2031-06-30T09:00:00.000Z');
  });

  it('deletes a claim, its SMS records and pointers, its attachments and its member pointer once the date passed, audited, and only then', async () => {
    const { request, member } = await aDeployedMember();
    const claim = await fileClaim(ports, volunteerToken(member.id), aClaimBody(request.id, member.id));
    const { upload, attachment } = await addClaimAttachment(ports, volunteerToken(member.id), claim.id, {
      fileName: 'enkel.jpg',
      contentType: 'image/jpeg',
      size: 5,
    });
    const url = new URL(upload.url);
    const store = ports.attachments as LocalAttachmentStore;
    await store.receive(url.pathname, url.searchParams, 'image/jpeg', Buffer.from('12345'));
    await dispatchSms(ports, claimJobs(claim.id)[0]!);
    await updateClaim(ports, coordinator, claim.id, { status: 'in-review' });
    const rejected = await updateClaim(ports, coordinator, claim.id, {
      status: 'rejected',
      reason: 'niet gedekt',
    });
    const open = await fileClaim(ports, volunteerToken(member.id), aClaimBody(request.id, member.id));
    const messageIds = ports.sms.sent.map((sms) => sms.messageId);

    expect(await purgeExpiredClaims(ports, new Date('2031-03-02T14:59:59.000Z'))).toEqual({ deleted: 0 });
    expect(await ports.claims.get(claim.id)).toBeDefined();

    const at = new Date(new Date(rejected.retainUntil!).getTime() + 1000);
    expect(await purgeExpiredClaims(ports, at)).toEqual({ deleted: 1 });

    expect(await itemsOf('Operations', `CLAIM#${claim.id}`)).toEqual([]);
    const pointers = (await scanTable(tables.Operations!)).filter((item) =>
      messageIds.some((id) => item.pk === `SMSMSG#${id}`),
    );
    expect(pointers).toEqual([]);
    expect(await store.read(`claims/${claim.id}/${attachment.id}`)).toBeUndefined();
    // A claim that never reached a final status is not deleted by the schedule.
    expect(await ports.claims.get(open.id)).toBeDefined();
    const audit = (await scanTable(tables.Audit!)).filter((e) => e.entityId === claim.id);
    expect(audit.map((e) => [e.action, e.actor])).toContainEqual(['claim.retention-expired', 'system']);
    expect(JSON.stringify(audit)).not.toContain(member.name);

    // Idempotent: the next day's run finds nothing.
    expect(await purgeExpiredClaims(ports, at)).toEqual({ deleted: 0 });
  });
});
