import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { LocalAttachmentStore } from '../../../local/runtime/attachment-store';
import { Conflict, Forbidden, NotFound, RuleViolation } from '../../../shared/domain/errors';
import type { Identity } from '../../../shared/domain/identity';
import type { Claim } from '../../../shared/schemas/claim';
import { type FileClaimBody, fileClaimBodySchema } from '../../../shared/schemas/claim-form';
import type { SmsJob } from '../../../shared/schemas/sms-job';
import {
  addClaimAttachment,
  fileClaim,
  getClaim,
  listClaims,
  updateClaim,
} from '../../../shared/services/claims';
import { closeHelpRequest } from '../../../shared/services/help-requests';
import { dispatchSms, handleDeliveryReceipt } from '../../../shared/services/sms';
import {
  openSpontaneousCall,
  purgeAdHocData,
  registerSpontaneousVolunteer,
} from '../../../shared/services/spontaneous';
import { aHelpRequest } from '../../builders/help-request-record';
import { anIdentity } from '../../builders/identity';
import { aMobilePhone } from '../../builders/phone';
import { aNewMember } from '../../builders/registration';
import { aSpontaneousRegistration } from '../../builders/spontaneous';
import { createTestTables } from '../../support/tables';
import { ATTACHMENTS_URL, scanTable, type TestPorts, testPorts } from '../ports';

const coordinator = anIdentity(['coordinator'], undefined, 'coordinator-1');
const otherCoordinator = anIdentity(['coordinator'], undefined, 'coordinator-2');
const admin = anIdentity(['municipal-admin'], '44021', 'gent-admin');
const volunteerToken = (volunteerId: string): Identity => ({
  sub: `volunteer-${volunteerId}`,
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

/** A member of Gent checked in on a request of Gent from 10:00 to 12:00. */
/** Check-in options of a Gent corps member (the yearly report counts the deployment there). */
const MEMBER_OF_GENT = { municipality: '44021', spontaneous: false };

const aDeployedMember = async () => {
  const request = aHelpRequest();
  await ports.helpRequests.create(request);
  const [member] = await ports.volunteers.registerMembers(
    '44021',
    [aNewMember({ phone: aMobilePhone(), language: 'fr' })],
    admin,
  );
  const deployment = await ports.deployments.checkIn(request.id, member!.id, CHECK_IN, 'coordinator-1', {
    municipality: request.municipality,
    spontaneous: false,
  });
  await ports.deployments.checkOut(deployment, CHECK_OUT, 'coordinator-1');
  return { request, member: member! };
};

const aClaimBody = (requestId: string, volunteerId: string, overrides: Record<string, unknown> = {}) =>
  fileClaimBodySchema.parse({
    requestId,
    volunteerId,
    kind: 'bodily-accident',
    occurredAt: '2026-03-02T11:15:00.000Z',
    location: 'Dijle, zandzakkenpost aan de brug',
    description: 'Uitgegleden op de dijk bij het sjouwen van zandzakken.',
    injuries: 'Verstuikte enkel',
    witnesses: [{ name: 'Wim Getuige', phone: '0478 12 34 56' }],
    ...overrides,
  }) as FileClaimBody;

const claimJobs = (claimId: string) =>
  ports.smsJobs.jobs.filter(
    (job): job is SmsJob & { kind: 'claim-status' } => job.kind === 'claim-status' && job.claimId === claimId,
  );

const auditActions = async (claimId: string) =>
  (await scanTable(tables.Audit!))
    .filter((entry) => entry.entityType === 'claim' && entry.entityId === claimId)
    .map((entry) => [entry.action, entry.actor]);

describe('filing a claim, with DynamoDB Local', () => {
  it('files a claim inside a coverage period with a copy of the claimant, audited, and texts them once', async () => {
    const { request, member } = await aDeployedMember();

    const claim = await fileClaim(ports, volunteerToken(member.id), aClaimBody(request.id, member.id));

    expect(claim).toMatchObject({
      requestId: request.id,
      municipality: '44021',
      volunteerId: member.id,
      claimant: { name: member.name, phone: member.phone, language: 'fr', spontaneous: false },
      kind: 'bodily-accident',
      status: 'submitted',
      coverage: [{ from: CHECK_IN, to: CHECK_OUT }],
      witnesses: [{ name: 'Wim Getuige', phone: '+32478123456' }],
      history: [{ status: 'submitted', at: AFTER, by: `volunteer-${member.id}` }],
    });
    expect(await ports.claims.get(claim.id)).toEqual(claim);
    expect(await auditActions(claim.id)).toEqual([['claim.submitted', `volunteer-${member.id}`]]);
    const [job] = claimJobs(claim.id);
    expect(job).toMatchObject({ to: member.phone, status: 'submitted' });
    expect(job!.body).toMatch(/^Croix-Rouge: votre declaration de sinistre .* a ete introduite/);
    expect(await dispatchSms(ports, job!)).toBe('sent');
    expect(await dispatchSms(ports, job!)).toBe('duplicate');
    expect(ports.sms.sent.filter((sms) => sms.to === member.phone)).toHaveLength(1);
  });

  it('refuses an incident outside the recorded periods with 422 outside-coverage naming them, writing nothing', async () => {
    const { request, member } = await aDeployedMember();

    const refused = fileClaim(
      ports,
      coordinator,
      aClaimBody(request.id, member.id, { occurredAt: '2026-03-02T12:30:00.000Z' }),
    );

    await expect(refused).rejects.toMatchObject({
      rule: 'outside-coverage',
      message: expect.stringContaining(`${CHECK_IN}..${CHECK_OUT}`),
    });
    expect(await ports.claims.listForRequest(request.id)).toEqual([]);
    expect(ports.smsJobs.jobs).toEqual([]);
  });

  it('refuses a volunteer who was never checked in on the request: no coverage at all', async () => {
    const { member } = await aDeployedMember();
    const elsewhere = aHelpRequest();
    await ports.helpRequests.create(elsewhere);

    await expect(fileClaim(ports, coordinator, aClaimBody(elsewhere.id, member.id))).rejects.toMatchObject({
      rule: 'outside-coverage',
      message: expect.stringContaining('(none)'),
    });
  });

  it('counts the period still open up to now while the volunteer is on site', async () => {
    const { request, member } = await aDeployedMember();
    await ports.deployments.checkIn(
      request.id,
      member.id,
      '2026-03-02T14:00:00.000Z',
      'coordinator-1',
      MEMBER_OF_GENT,
    );

    const claim = await fileClaim(
      ports,
      coordinator,
      aClaimBody(request.id, member.id, { occurredAt: '2026-03-02T14:30:00.000Z' }),
    );

    expect(claim.coverage).toEqual([{ from: CHECK_IN, to: CHECK_OUT }, { from: '2026-03-02T14:00:00.000Z' }]);
  });

  it('ends a period still open at the close, before the stand-down step has checked the volunteer out', async () => {
    const { request, member } = await aDeployedMember();
    await ports.deployments.checkIn(
      request.id,
      member.id,
      '2026-03-02T13:00:00.000Z',
      'coordinator-1',
      MEMBER_OF_GENT,
    );
    ports.clock.set('2026-03-02T14:00:00.000Z');
    await closeHelpRequest(ports, coordinator, request.id);
    ports.clock.set(AFTER);

    await expect(
      fileClaim(
        ports,
        coordinator,
        aClaimBody(request.id, member.id, { occurredAt: '2026-03-02T14:30:00.000Z' }),
      ),
    ).rejects.toMatchObject({ rule: 'outside-coverage' });
    const claim = await fileClaim(
      ports,
      coordinator,
      aClaimBody(request.id, member.id, { occurredAt: '2026-03-02T13:30:00.000Z' }),
    );
    expect(claim.coverage.at(-1)).toEqual({
      from: '2026-03-02T13:00:00.000Z',
      to: '2026-03-02T14:00:00.000Z',
    });
  });

  it('lets a volunteer file for themselves only, and no municipal role at all', async () => {
    const { request, member } = await aDeployedMember();
    const { member: other } = await aDeployedMember();

    await expect(
      fileClaim(ports, volunteerToken(other.id), aClaimBody(request.id, member.id)),
    ).rejects.toBeInstanceOf(Forbidden);
    await expect(fileClaim(ports, admin, aClaimBody(request.id, member.id))).rejects.toBeInstanceOf(
      Forbidden,
    );
    expect(await ports.claims.listForRequest(request.id)).toEqual([]);
  });
});

describe('moving a claim on', () => {
  const aFiledClaim = async () => {
    const { request, member } = await aDeployedMember();
    const claim = await fileClaim(ports, coordinator, aClaimBody(request.id, member.id));
    return { request, member, claim };
  };

  it('goes submitted → in review → sent to insurer → settled, each move audited and texted exactly once', async () => {
    const { member, claim } = await aFiledClaim();

    for (const status of ['in-review', 'sent-to-insurer', 'settled'] as const) {
      ports.clock.advance(60_000);
      const moved = await updateClaim(ports, coordinator, claim.id, { status });
      expect(moved.status).toBe(status);
    }

    const stored = (await ports.claims.get(claim.id)) as Claim;
    expect(stored.history.map((step) => step.status)).toEqual([
      'submitted',
      'in-review',
      'sent-to-insurer',
      'settled',
    ]);
    expect(await auditActions(claim.id)).toEqual(
      expect.arrayContaining([
        ['claim.submitted', 'coordinator-1'],
        ['claim.in-review', 'coordinator-1'],
        ['claim.sent-to-insurer', 'coordinator-1'],
        ['claim.settled', 'coordinator-1'],
      ]),
    );
    const jobs = claimJobs(claim.id);
    expect(jobs.map((job) => job.status)).toEqual(['submitted', 'in-review', 'sent-to-insurer', 'settled']);
    // Each job delivered twice, as SQS may: one SMS per status all the same.
    for (const job of [...jobs, ...jobs]) await dispatchSms(ports, job);
    expect(ports.sms.sent.filter((sms) => sms.to === member.phone).map((sms) => sms.body)).toEqual(
      jobs.map((job) => job.body),
    );
  });

  it('retries a status SMS that failed to deliver once, through another number, to the phone the claim keeps', async () => {
    const { member, claim } = await aFiledClaim();
    const [job] = claimJobs(claim.id);
    await dispatchSms(ports, job!);
    const first = ports.sms.sent.find((sms) => sms.to === member.phone)!;

    const outcome = await handleDeliveryReceipt(ports, {
      messageId: first.messageId,
      status: 'failed',
      at: AFTER,
      reason: 'Phone is switched off',
    });

    expect(outcome).toBe('retried');
    const retry = ports.smsJobs.jobs.at(-1)!;
    expect(retry).toMatchObject({ kind: 'claim-status', claimId: claim.id, to: member.phone });
    expect(await dispatchSms(ports, retry)).toBe('sent');
    expect(ports.sms.sent.filter((sms) => sms.to === member.phone).map((sms) => sms.from)).toHaveLength(2);
    expect(ports.sms.sent.at(-1)?.from).not.toBe(first.from);
  });

  it('rejects with the reason kept on the claim; a settled or rejected claim moves no further (409)', async () => {
    const { claim } = await aFiledClaim();
    await updateClaim(ports, coordinator, claim.id, { status: 'in-review' });

    const rejected = await updateClaim(ports, coordinator, claim.id, {
      status: 'rejected',
      reason: 'Niet tijdens de inzet: de volunteer was al uitgecheckt.',
    });

    expect(rejected).toMatchObject({
      status: 'rejected',
      statusReason: expect.stringContaining('uitgecheckt'),
    });
    await expect(
      updateClaim(ports, coordinator, claim.id, { status: 'sent-to-insurer' }),
    ).rejects.toBeInstanceOf(Conflict);
  });

  it('lets one of two coordinators moving the same claim at once win; the other gets 409 and no second SMS', async () => {
    const { claim } = await aFiledClaim();
    ports.smsJobs.jobs.length = 0;

    const results = await Promise.allSettled([
      updateClaim(ports, coordinator, claim.id, { status: 'in-review' }),
      updateClaim(ports, otherCoordinator, claim.id, { status: 'in-review' }),
    ]);

    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const [lost] = results.filter((r) => r.status === 'rejected');
    expect((lost as PromiseRejectedResult).reason).toBeInstanceOf(Conflict);
    expect(claimJobs(claim.id)).toHaveLength(1);
    const stored = (await ports.claims.get(claim.id)) as Claim;
    expect(stored.history.filter((step) => step.status === 'in-review')).toHaveLength(1);
  });

  it('refuses a write decided on a status that changed meanwhile (the conditional write itself)', async () => {
    const { claim } = await aFiledClaim();
    await ports.claims.update(claim, { to: 'in-review' }, coordinator, AFTER);

    // `claim` still says submitted: the stale decision must not land.
    await expect(
      ports.claims.update(claim, { to: 'in-review' }, otherCoordinator, AFTER),
    ).rejects.toBeInstanceOf(Conflict);
    await expect(
      ports.claims.update(claim, { information: 'te laat' }, otherCoordinator, AFTER),
    ).rejects.toBeInstanceOf(Conflict);
  });

  it('takes more information from the claimant while submitted, from the coordinator until it is sent', async () => {
    const { member, claim } = await aFiledClaim();
    const self = volunteerToken(member.id);

    await updateClaim(ports, self, claim.id, { information: 'Doktersattest volgt.' });
    await updateClaim(ports, coordinator, claim.id, { status: 'in-review' });
    await expect(updateClaim(ports, self, claim.id, { information: 'Nog iets' })).rejects.toBeInstanceOf(
      Conflict,
    );
    await expect(updateClaim(ports, self, claim.id, { status: 'sent-to-insurer' })).rejects.toBeInstanceOf(
      Forbidden,
    );
    const updated = await updateClaim(ports, coordinator, claim.id, { information: 'Attest ontvangen.' });

    expect(updated.information.map((entry) => [entry.by, entry.text])).toEqual([
      [`volunteer-${member.id}`, 'Doktersattest volgt.'],
      ['coordinator-1', 'Attest ontvangen.'],
    ]);
  });

  it('shows a claim to its volunteer and coordinators only; lists by request, by volunteer, and one’s own', async () => {
    const { request, member, claim } = await aFiledClaim();
    const { member: other } = await aDeployedMember();

    expect(await getClaim(ports, volunteerToken(member.id), claim.id)).toEqual(claim);
    await expect(getClaim(ports, volunteerToken(other.id), claim.id)).rejects.toBeInstanceOf(NotFound);
    await expect(getClaim(ports, admin, claim.id)).rejects.toBeInstanceOf(Forbidden);
    expect((await listClaims(ports, coordinator, { requestId: request.id })).claims).toEqual([claim]);
    expect((await listClaims(ports, coordinator, { volunteerId: member.id })).claims).toEqual([claim]);
    expect((await listClaims(ports, volunteerToken(member.id), {})).claims).toEqual([claim]);
    expect((await listClaims(ports, volunteerToken(other.id), {})).claims).toEqual([]);
    await expect(
      listClaims(ports, volunteerToken(other.id), { volunteerId: member.id }),
    ).rejects.toBeInstanceOf(Forbidden);
    await expect(listClaims(ports, coordinator, {})).rejects.toBeInstanceOf(RuleViolation);
  });
});

describe('claim attachments', () => {
  it('records the attachment and hands out an upload URL that accepts exactly that file', async () => {
    const { request, member } = await aDeployedMember();
    const claim = await fileClaim(ports, coordinator, aClaimBody(request.id, member.id));

    const { attachment, upload } = await addClaimAttachment(ports, volunteerToken(member.id), claim.id, {
      fileName: 'enkel.jpg',
      contentType: 'image/jpeg',
      size: 5,
    });

    expect((await ports.claims.get(claim.id))?.attachments).toEqual([attachment]);
    const url = new URL(upload.url);
    expect(url.origin).toBe(ATTACHMENTS_URL);
    expect(url.pathname).toBe(`/_local/attachments/claims/${claim.id}/${attachment.id}`);
    expect(upload).toMatchObject({ method: 'PUT', headers: { 'content-type': 'image/jpeg' } });
    const store = ports.attachments as LocalAttachmentStore;
    expect(
      (await store.receive(url.pathname, url.searchParams, 'image/jpeg', Buffer.from('12345'))).statusCode,
    ).toBe(200);
    expect(
      (await store.receive(url.pathname, url.searchParams, 'image/jpeg', Buffer.from('123456'))).statusCode,
    ).toBe(403);
    expect(
      (await store.receive(url.pathname, url.searchParams, 'application/pdf', Buffer.from('12345')))
        .statusCode,
    ).toBe(403);
    expect((await store.read(`claims/${claim.id}/${attachment.id}`))?.toString()).toBe('12345');
  });
});

describe('a spontaneous volunteer’s claim and the purge', () => {
  it('is filed by the coordinator in the aftercare window, survives the purge whole (counted as kept under insurance retention), and still reaches the claimant', async () => {
    const request = aHelpRequest({ spontaneousCallAllowed: true });
    await ports.helpRequests.create(request);
    const { call } = await openSpontaneousCall(ports, coordinator, request.id, 'https://example.test');
    const body = aSpontaneousRegistration({ name: 'Sien Spontaan', language: 'en' });
    const { registration } = await registerSpontaneousVolunteer(ports, call.code, body);
    const deployment = await ports.deployments.checkIn(
      request.id,
      registration.id,
      CHECK_IN,
      'coordinator-1',
      { municipality: request.municipality, spontaneous: true },
    );
    await ports.deployments.checkOut(deployment, CHECK_OUT, 'coordinator-1');
    await closeHelpRequest(ports, coordinator, request.id);

    // Aftercare: the request is closed, the registration still there.
    const claim = await fileClaim(ports, coordinator, aClaimBody(request.id, registration.id));
    expect(claim.volunteerId).toBeUndefined();
    expect(claim.claimant).toEqual({
      name: 'Sien Spontaan',
      phone: body.phone,
      language: 'en',
      spontaneous: true,
    });

    const receipt = await purgeAdHocData(ports, request.id);

    expect(receipt.keptUnderInsuranceRetention).toEqual({ claims: 1 });
    expect(await ports.adHoc.get(request.id, registration.id)).toBeUndefined();
    expect(await ports.claims.get(claim.id)).toEqual(claim);
    expect((await listClaims(ports, coordinator, { requestId: request.id })).claims).toEqual([claim]);
    const moved = await updateClaim(ports, coordinator, claim.id, { status: 'in-review' });
    expect(claimJobs(claim.id).at(-1)).toMatchObject({ to: body.phone, status: 'in-review' });
    expect(moved.status).toBe('in-review');
    // Nothing left to file a new claim under: the deployment went with the purge.
    await expect(
      fileClaim(ports, coordinator, aClaimBody(request.id, registration.id)),
    ).rejects.toMatchObject({
      rule: 'outside-coverage',
    });
    // The claim is the only item that still names them, and it holds no link to the purged registration.
    const naming = (await Promise.all(Object.values(tables).map((table) => scanTable(table))))
      .flat()
      .filter(
        (item) => JSON.stringify(item).includes(body.phone) || JSON.stringify(item).includes(registration.id),
      );
    expect(naming.map((item) => [item.pk, item.sk])).toEqual([[`CLAIM#${claim.id}`, 'CLAIM']]);
  });
});
