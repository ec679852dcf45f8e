import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startTestRuntime } from '../support/local-runtime';
import { everyItem } from '../support/scan';

const LEUVEN = '24062';
const MEMBER = { name: 'Lotte Lid-Claim', birthDate: '1988-06-12', phone: '0477 11 22 33' };
const MEMBER_PHONE = '+32477112233';
const CITIZEN = { name: 'Cas Burger-Claim', birthDate: '1979-02-02', phone: '0477 44 55 66' };
const CITIZEN_PHONE = '+32477445566';
const PREFIX = 'claims-';

describe('insurance claims over HTTP, from the check-in to the insurer and past the purge', () => {
  let t: Awaited<ReturnType<typeof startTestRuntime>>;
  let coordinator: string;
  let requester: string;
  beforeAll(async () => {
    t = await startTestRuntime({
      tablePrefix: PREFIX,
      timing: { ackTimeoutSeconds: 1, responseWindowSeconds: 1, aftercareWindowSeconds: 4 },
    });
    coordinator = await t.token({ roles: ['coordinator'], sub: 'coordinator-1' });
    const admin = await t.token({ roles: ['municipal-admin'], municipality: LEUVEN, sub: 'leuven-admin' });
    requester = await t.token({ roles: ['requester'], municipality: LEUVEN, sub: 'leuven-official' });
    await t.call('PUT', `/municipalities/${LEUVEN}`, { token: coordinator, body: {} });
    await t.call('PUT', `/municipalities/${LEUVEN}/requesters`, {
      token: admin,
      body: { requesters: ['leuven-official'] },
    });
  });
  afterAll(async () => {
    await t.runtime.stop();
  });

  /** The `nth` SMS to a phone (1 = the first), once it has been sent. */
  const smsTo = (phone: string, nth: number) =>
    eventually(async () => {
      await t.runtime.queue.drain();
      return t.runtime.outbox.sentTo(phone)[nth - 1];
    });
  const codeIn = (body: string) => /JA (\d{4})/.exec(body)![1];
  const launch = async (spontaneousCallAllowed: boolean) =>
    (
      await t.call('POST', '/help-requests', {
        token: requester,
        body: {
          municipality: LEUVEN,
          title: 'Storm Dijle',
          needs: [{ task: 'logistics', volunteers: 2 }],
          location: { postcode: '3000' },
          spontaneousCallAllowed,
        },
      })
    ).body.id as string;
  const accept = async (phone: string) => {
    await t.call('POST', '/_local/sms/inbound', {
      body: { from: phone, body: `JA ${codeIn((await smsTo(phone, 1)).body)}` },
    });
  };
  const claimForm = (requestId: string, volunteerId: string, occurredAt: string) => ({
    requestId,
    volunteerId,
    kind: 'bodily-accident',
    occurredAt,
    location: 'Dijle, brug aan de Vaartkom',
    description: 'Hand gekneld tussen twee paletten zandzakken.',
    injuries: 'Gekneusde hand',
    witnesses: [{ name: 'Gert Getuige' }],
  });

  it('a member files for themselves, uploads a photo, and is texted as the coordinator reviews, sends and settles', async () => {
    const member = await t.call('POST', `/municipalities/${LEUVEN}/volunteers`, {
      token: coordinator,
      body: MEMBER,
    });
    const volunteerId: string = member.body.id;
    const requestId = await launch(false);
    await accept(MEMBER_PHONE);
    expect((await smsTo(MEMBER_PHONE, 2)).body).toMatch(/^Rode Kruis: bedankt, je helpt bij Storm Dijle\./);
    const checkedIn = await t.call('POST', `/help-requests/${requestId}/check-ins`, {
      token: coordinator,
      body: { volunteerId },
    });
    expect(checkedIn.status).toBe(200);
    const onSiteSince: string = checkedIn.body.onSiteSince;
    const self = await t.token({ roles: ['volunteer'], volunteerId, sub: 'lotte' });

    const before = new Date(Date.parse(onSiteSince) - 3_600_000).toISOString();
    const outside = await t.call('POST', '/claims', {
      token: self,
      body: claimForm(requestId, volunteerId, before),
    });
    expect(outside).toEqual({
      status: 422,
      body: {
        error: 'RuleViolation',
        rule: 'outside-coverage',
        message: expect.stringContaining(onSiteSince),
        correlationId: expect.any(String),
      },
    });

    const filed = await t.call('POST', '/claims', {
      token: self,
      headers: { 'Idempotency-Key': 'lotte-hand' },
      body: claimForm(requestId, volunteerId, onSiteSince),
    });
    expect(filed.status).toBe(201);
    const claimId: string = filed.body.id;
    const retried = await t.call('POST', '/claims', {
      token: self,
      headers: { 'Idempotency-Key': 'lotte-hand' },
      body: claimForm(requestId, volunteerId, onSiteSince),
    });
    expect(retried.body.id).toBe(claimId);
    expect((await smsTo(MEMBER_PHONE, 3)).body).toBe(
      `Rode Kruis: je schadeaangifte ${claimId} is ingediend. We houden je per SMS op de hoogte.`,
    );

    const photo = Buffer.from('not really a jpeg, but bytes all the same');
    const attached = await t.call('POST', `/claims/${claimId}/attachments`, {
      token: self,
      body: { fileName: 'hand.jpg', contentType: 'image/jpeg', size: photo.length },
    });
    expect(attached.status).toBe(201);
    const put = await fetch(attached.body.upload.url, {
      method: 'PUT',
      headers: attached.body.upload.headers,
      body: photo,
    });
    expect(put.status).toBe(200);
    expect(await t.runtime.attachments.read(`claims/${claimId}/${attached.body.attachment.id}`)).toEqual(
      photo,
    );

    // Two coordinators take the claim at once: one wins, the other is told it changed.
    const other = await t.token({ roles: ['coordinator'], sub: 'coordinator-2' });
    const both = await Promise.all(
      [coordinator, other].map((token) =>
        t.call('PATCH', `/claims/${claimId}`, { token, body: { status: 'in-review' } }),
      ),
    );
    expect(both.map((r) => r.status).sort()).toEqual([200, 409]);
    for (const status of ['sent-to-insurer', 'settled']) {
      const moved = await t.call('PATCH', `/claims/${claimId}`, { token: coordinator, body: { status } });
      expect(moved.status).toBe(200);
    }

    expect((await smsTo(MEMBER_PHONE, 4)).body).toMatch(/wordt nagekeken door de coordinator\.$/);
    expect((await smsTo(MEMBER_PHONE, 5)).body).toMatch(/is naar de verzekeraar gestuurd\.$/);
    expect((await smsTo(MEMBER_PHONE, 6)).body).toMatch(/is afgehandeld door de verzekeraar\.$/);
    await t.runtime.queue.drain();
    // The call-out, the confirmation of the yes, then one SMS per claim status.
    expect(t.runtime.outbox.sentTo(MEMBER_PHONE)).toHaveLength(6);
    const seen = await t.call('GET', `/claims/${claimId}`, { token: self });
    expect(seen.body).toMatchObject({
      status: 'settled',
      attachments: [{ fileName: 'hand.jpg', contentType: 'image/jpeg' }],
    });
    expect(seen.body.history.map((step: { status: string }) => step.status)).toEqual([
      'submitted',
      'in-review',
      'sent-to-insurer',
      'settled',
    ]);
    const listed = await t.call('GET', `/claims?requestId=${requestId}`, { token: coordinator });
    expect(listed.body.claims.map((c: { id: string }) => c.id)).toEqual([claimId]);
  });

  it('a spontaneous volunteer’s claim, filed in the aftercare window, outlives the purge with only what the insurer needs', async () => {
    const requestId = await launch(true);
    const opened = await t.call('POST', `/help-requests/${requestId}/spontaneous-call`, {
      token: coordinator,
    });
    const registered = await t.call('POST', opened.body.registrationPath, {
      body: { ...CITIZEN, consent: true },
    });
    const volunteerId: string = registered.body.id;
    await accept(CITIZEN_PHONE);
    const checkedIn = await t.call('POST', `/help-requests/${requestId}/check-ins`, {
      token: coordinator,
      body: { volunteerId },
    });
    const onSiteSince: string = checkedIn.body.onSiteSince;
    expect((await t.call('POST', `/help-requests/${requestId}/close`, { token: coordinator })).status).toBe(
      200,
    );

    // Closed, not yet purged: the coordinator files on the citizen's behalf (they have no account).
    const filed = await t.call('POST', '/claims', {
      token: coordinator,
      body: claimForm(requestId, volunteerId, onSiteSince),
    });
    expect(filed.status).toBe(201);
    const claimId: string = filed.body.id;
    expect(filed.body.claimant).toEqual({
      name: CITIZEN.name,
      phone: CITIZEN_PHONE,
      language: 'nl',
      spontaneous: true,
    });
    expect(filed.body.volunteerId).toBeUndefined();
    expect(filed.body.coverage).toEqual([{ from: onSiteSince, to: expect.any(String) }]);

    await t.runtime.workflow.executions.get(requestId)!.done;
    expect(t.runtime.workflow.executions.get(requestId)?.tasks.at(-1)).toBe('PurgeAdHocData');

    // Everything about the citizen is gone except the claim, which keeps exactly the claim form and its copy of them.
    const naming = (await everyItem(PREFIX)).filter((item) =>
      [CITIZEN.name, CITIZEN_PHONE, CITIZEN.birthDate, volunteerId].some((secret) =>
        JSON.stringify(item).includes(secret),
      ),
    );
    expect(naming.map((item) => [item.pk, item.sk])).toEqual([[`CLAIM#${claimId}`, 'CLAIM']]);
    expect(Object.keys(naming[0]!).sort()).toEqual(
      [
        'attachments',
        'claimant',
        'coverage',
        'description',
        'filedAt',
        'filedBy',
        'gsi1pk',
        'gsi1sk',
        'history',
        'id',
        'information',
        'injuries',
        'kind',
        'location',
        'municipality',
        'occurredAt',
        'pk',
        'requestId',
        'sk',
        'status',
        'witnesses',
      ].sort(),
    );
    expect(JSON.stringify(naming[0])).not.toContain(CITIZEN.birthDate);
    const receipt = (await t.call('GET', `/help-requests/${requestId}`, { token: coordinator })).body
      .purgeReceipt;
    expect(receipt.deleted).toMatchObject({ registrations: 1, deployments: 1 });
    expect(receipt.keptUnderInsuranceRetention).toEqual({ claims: 1 });

    // The insurer's answer still reaches the citizen, on the phone the claim kept.
    const moved = await t.call('PATCH', `/claims/${claimId}`, {
      token: coordinator,
      body: { status: 'in-review' },
    });
    expect(moved.body).toMatchObject({ status: 'in-review', claimant: { phone: CITIZEN_PHONE } });
    const last = await eventually(async () => {
      await t.runtime.queue.drain();
      return t.runtime.outbox.sentTo(CITIZEN_PHONE).find((sms) => sms.body.includes('wordt nagekeken'));
    });
    expect(last.body).toContain(claimId);

    // The same retention as a member's claim: kept for the configured years after its final status, then deleted.
    const rejected = await t.call('PATCH', `/claims/${claimId}`, {
      token: coordinator,
      body: { status: 'rejected', reason: 'geen lichamelijk letsel' },
    });
    const finalAt = Date.parse(rejected.body.history.at(-1).at);
    const retainUntil: string = rejected.body.retainUntil;
    expect(new Date(retainUntil).getUTCFullYear()).toBe(new Date(finalAt).getUTCFullYear() + 5);
    const early = await t.call('POST', '/_local/schedule/claim-retention', {
      body: { at: new Date(Date.parse(retainUntil) - 60_000).toISOString() },
    });
    expect(early.body).toEqual({ deleted: 0 });
    const due = await t.call('POST', '/_local/schedule/claim-retention', {
      body: { at: new Date(Date.parse(retainUntil) + 60_000).toISOString() },
    });
    // This claim and the member's, settled a few seconds before in the first test.
    expect(due.body).toEqual({ deleted: 2 });
    expect((await t.call('GET', `/claims/${claimId}`, { token: coordinator })).status).toBe(404);
    const left = (await everyItem(PREFIX)).filter((item) =>
      [CITIZEN.name, CITIZEN_PHONE, claimId].some((secret) => JSON.stringify(item).includes(secret)),
    );
    expect(left.filter((item) => !String(item.pk).startsWith('AUDIT#'))).toEqual([]);
  });
});
