import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startTestRuntime } from '../support/local-runtime';
import { captureLogs } from '../support/scan';

const GENT = '44021';
const AALST = '41002';
const ADMIN = { email: 'Els.Admin@Gent.be', name: 'Els Vandamme' };
const REQUESTER = { email: 'pieter.crisis@gent.be', name: 'Pieter Claes' };

describe('officials are invited, sign in and are removed, over HTTP', () => {
  let t: Awaited<ReturnType<typeof startTestRuntime>>;
  let coordinator: string;
  let logged: string[] = [];
  const tokenFor = (body: unknown) => t.call('POST', '/_local/token', { body });
  const launch = (token: string) =>
    t.call('POST', '/help-requests', {
      token,
      headers: { 'Idempotency-Key': randomUUID() },
      body: {
        municipality: GENT,
        title: 'Wateroverlast Gentbrugge',
        needs: [{ task: 'logistics', volunteers: 2 }],
        location: { postcode: '9050' },
      },
    });

  beforeAll(async () => {
    t = await startTestRuntime();
    logged = captureLogs();
    coordinator = await t.token({ roles: ['coordinator'], sub: 'coordinator-officials' });
    for (const nis of [GENT, AALST])
      expect((await t.call('PUT', `/municipalities/${nis}`, { token: coordinator, body: {} })).status).toBe(
        201,
      );
  });
  afterAll(async () => {
    vi.restoreAllMocks();
    await t?.runtime.stop();
  });

  it('takes a municipal-admin from invitation to removing the requester they invited', async () => {
    // The coordinator invites Gent's first municipal-admin.
    const invited = await t.call('POST', `/municipalities/${GENT}/officials`, {
      token: coordinator,
      body: { ...ADMIN, role: 'municipal-admin' },
    });
    expect(invited.status, JSON.stringify(invited.body)).toBe(201);
    expect(invited.body).toEqual({
      id: expect.any(String),
      municipality: GENT,
      email: 'els.admin@gent.be',
      name: ADMIN.name,
      role: 'municipal-admin',
      locale: 'nl',
      status: 'invited',
      invitedAt: expect.any(String),
      invitedBy: 'coordinator-officials',
    });

    // The invitation is in the outbox, in Dutch, with how to sign in locally.
    const outbox = await t.call('GET', `/_local/mail/outbox?to=${encodeURIComponent(ADMIN.email)}`);
    expect(outbox.status).toBe(200);
    expect(outbox.body.mails).toEqual([
      {
        at: expect.any(String),
        to: 'els.admin@gent.be',
        subject: 'Uitnodiging: crisistool vrijwilligerskorps',
        text: expect.stringContaining('gemeentelijk beheerder van Gent'),
        signIn: 'POST /_local/token {"email":"els.admin@gent.be"}',
      },
    ]);

    // The admin signs in with the invited address: their token carries their sub, role and municipality.
    const adminToken = await tokenFor({ email: ADMIN.email });
    expect(adminToken.status).toBe(200);
    const admin = adminToken.body.token as string;
    const listed = await t.call('GET', `/municipalities/${GENT}/officials`, { token: admin });
    expect(listed.status).toBe(200);
    expect(listed.body.officials).toEqual([
      expect.objectContaining({
        id: invited.body.id,
        name: ADMIN.name,
        role: 'municipal-admin',
        status: 'active',
      }),
    ]);

    // The admin invites a requester, in French.
    const requesterInvited = await t.call('POST', `/municipalities/${GENT}/officials`, {
      token: admin,
      body: { ...REQUESTER, role: 'requester', locale: 'fr' },
    });
    expect(requesterInvited.status, JSON.stringify(requesterInvited.body)).toBe(201);
    expect(requesterInvited.body).toMatchObject({
      role: 'requester',
      invitedBy: invited.body.id,
      status: 'invited',
    });
    const requesterId = requesterInvited.body.id as string;
    const mail = (await t.call('GET', `/_local/mail/outbox?to=${REQUESTER.email}`)).body.mails;
    expect(mail).toHaveLength(1);
    expect(mail[0].subject).toBe('Invitation : outil de crise du corps de volontaires');

    // Named on the requesters list by name and e-mail; the requester launches a help request in Gent.
    const requesters = await t.call('GET', `/municipalities/${GENT}/requesters`, { token: admin });
    expect(requesters.status).toBe(200);
    expect(requesters.body).toEqual({
      requesters: [requesterId],
      people: [{ sub: requesterId, name: REQUESTER.name, email: REQUESTER.email }],
    });
    const requester = (await tokenFor({ email: REQUESTER.email })).body.token as string;
    expect((await launch(requester)).status).toBe(202);

    // The admin removes the requester: no more token, off the list, the old token no longer launches.
    expect(
      (await t.call('DELETE', `/municipalities/${GENT}/officials/${requesterId}`, { token: admin })).status,
    ).toBe(204);
    const refused = await tokenFor({ email: REQUESTER.email });
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({ error: 'invalid_grant' });
    expect((await t.call('GET', `/municipalities/${GENT}/requesters`, { token: admin })).body).toEqual({
      requesters: [],
      people: [],
    });
    expect((await launch(requester)).status).toBe(403);
    const after = (await t.call('GET', `/municipalities/${GENT}/officials`, { token: coordinator })).body;
    expect(after.officials.map((o: { name: string; status: string }) => [o.name, o.status])).toEqual([
      [ADMIN.name, 'active'],
      [REQUESTER.name, 'disabled'],
    ]);
    // A second removal is harmless.
    expect(
      (await t.call('DELETE', `/municipalities/${GENT}/officials/${requesterId}`, { token: admin })).status,
    ).toBe(204);
    // Names and addresses never reach the logs.
    const logs = logged.join('\n');
    for (const secret of [ADMIN.name, REQUESTER.name, 'els.admin@gent.be', REQUESTER.email])
      expect(logs).not.toContain(secret);
  });

  it('keeps each municipal-admin to requesters of their own municipality', async () => {
    const invited = await t.call('POST', `/municipalities/${GENT}/officials`, {
      token: coordinator,
      body: { email: 'tweede.admin@gent.be', name: 'Tweede Admin', role: 'municipal-admin' },
    });
    expect(invited.status).toBe(201);
    const admin = (await tokenFor({ email: 'tweede.admin@gent.be' })).body.token as string;
    const into = (nis: string, role: string, email: string) =>
      t.call('POST', `/municipalities/${nis}/officials`, {
        token: admin,
        body: { email, name: 'Iemand', role },
      });

    const aalst = await into(AALST, 'requester', 'iemand@aalst.be');
    expect(aalst.status).toBe(403);
    expect(aalst.body.error).toBe('Forbidden');
    expect((await into(GENT, 'municipal-admin', 'derde.admin@gent.be')).status).toBe(403);
    expect((await t.call('GET', `/municipalities/${AALST}/officials`, { token: admin })).status).toBe(404);
    // A removal of Gent's other admin is the coordinator's, not this admin's.
    const others = (await t.call('GET', `/municipalities/${GENT}/officials`, { token: admin })).body
      .officials;
    const first = others.find((o: { email: string }) => o.email === 'els.admin@gent.be');
    expect(
      (await t.call('DELETE', `/municipalities/${GENT}/officials/${first.id}`, { token: admin })).status,
    ).toBe(403);
    expect(await t.runtime.officialAccounts.stateOf(first.id)).toBe('active');
  });

  it('refuses a requester, another role, a bad body and an address invited before', async () => {
    const requesterInvited = await t.call('POST', `/municipalities/${GENT}/officials`, {
      token: coordinator,
      body: { email: 'lien@gent.be', name: 'Lien Requester', role: 'requester' },
    });
    expect(requesterInvited.status).toBe(201);
    const requester = (await tokenFor({ email: 'lien@gent.be' })).body.token as string;
    const crisis = await t.token({ roles: ['crisis-centre'], sub: 'crisis-1' });
    for (const token of [requester, crisis]) {
      const refused = await t.call('POST', `/municipalities/${GENT}/officials`, {
        token,
        body: { email: 'nog@gent.be', name: 'Nog Iemand', role: 'requester' },
      });
      expect(refused.status).toBe(403);
    }

    const bad = await t.call('POST', `/municipalities/${GENT}/officials`, {
      token: coordinator,
      body: { email: 'not-an-address', name: 'X', role: 'mayor' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.issues.map((i: { path: string }) => i.path).sort()).toEqual(['email', 'role']);

    // The same address again, in another case: 409, and still one account and one invitation.
    const again = await t.call('POST', `/municipalities/${GENT}/officials`, {
      token: coordinator,
      body: { email: 'LIEN@gent.be', name: 'Lien Requester', role: 'requester' },
    });
    expect(again.status).toBe(409);
    expect((await t.call('GET', '/_local/mail/outbox?to=lien@gent.be')).body.mails).toHaveLength(1);
    // Nor in another municipality.
    expect(
      (
        await t.call('POST', `/municipalities/${AALST}/officials`, {
          token: coordinator,
          body: { email: 'lien@gent.be', name: 'Lien Requester', role: 'requester' },
        })
      ).status,
    ).toBe(409);
  });

  it('answers a retry with the same Idempotency-Key with the first answer, inviting once', async () => {
    const invite = () =>
      t.call('POST', `/municipalities/${GENT}/officials`, {
        token: coordinator,
        headers: { 'Idempotency-Key': 'invite-jonas' },
        body: { email: 'jonas@gent.be', name: 'Jonas Retry', role: 'requester', locale: 'en' },
      });
    const first = await invite();
    const second = await invite();
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.body).toEqual(first.body);
    expect((await t.call('GET', '/_local/mail/outbox?to=jonas@gent.be')).body.mails).toHaveLength(1);
  });

  it('finishes an invitation whose account was made before its record was written', async () => {
    // The first try made the account, then failed before the record: the retry adopts the account.
    const { sub } = (await t.runtime.officialAccounts.invite({
      email: 'half@gent.be',
      name: 'Half Invited',
      locale: 'nl',
      role: 'requester',
      municipality: GENT,
      municipalityName: 'Gent',
    })) as { sub: string };
    const retried = await t.call('POST', `/municipalities/${GENT}/officials`, {
      token: coordinator,
      body: { email: 'half@gent.be', name: 'Half Invited', role: 'requester' },
    });
    expect(retried.status).toBe(201);
    expect(retried.body.id).toBe(sub);
    expect((await t.call('GET', '/_local/mail/outbox?to=half@gent.be')).body.mails).toHaveLength(1);
  });
});
