import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestRuntime } from '../support/local-runtime';

const GENT = '44021';
const LEUVEN = '24062';
const WRITE = 'crisis-api/help-requests.write';
const READ = 'crisis-api/help-requests.read';

// Locally a machine client's id is its app client's name, which carries its municipality as in Cognito.
const SOFTWARE = `m2m-${GENT}-GentCrisis`;
const VIEWER = `m2m-${GENT}-GentViewer`;
const UNNAMED = `m2m-${GENT}-OtherSoftware`;

const launch = (municipality: string) => ({
  municipality,
  title: 'Wateroverlast Gentbrugge',
  needs: [{ task: 'logistics', volunteers: 2 }],
  location: { postcode: '9050' },
});

/** The claims of a JWT, read without checking it (the test only looks). */
const claimsOf = (token: string) => JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString());

describe("a municipality's crisis software (a machine client)", () => {
  let t: Awaited<ReturnType<typeof startTestRuntime>>;
  let software: string;
  const machineToken = (body: unknown) => t.call('POST', '/_local/token', { body });

  beforeAll(async () => {
    t = await startTestRuntime({
      machineClients: [
        { name: 'GentCrisis', municipality: GENT, access: 'write' },
        { name: 'GentViewer', municipality: GENT, access: 'read' },
        { name: 'OtherSoftware', municipality: GENT, access: 'write' },
      ],
    });
    const coordinator = await t.token({ roles: ['coordinator'] });
    const admin = await t.token({ roles: ['municipal-admin'], municipality: GENT });
    for (const nis of [GENT, LEUVEN])
      await t.call('PUT', `/municipalities/${nis}`, { token: coordinator, body: {} });
    // The municipal-admin names the client's id, as for any official.
    await t.call('PUT', `/municipalities/${GENT}/requesters`, {
      token: admin,
      body: { requesters: [SOFTWARE, VIEWER] },
    });
    const issued = await machineToken({ clientId: SOFTWARE });
    expect(issued.status).toBe(200);
    software = issued.body.token;
  });
  afterAll(async () => {
    await t.runtime.stop();
  });

  it("gets a token bound to its client's municipality, with its client's scopes", () => {
    expect(claimsOf(software)).toMatchObject({
      sub: SOFTWARE,
      client_id: SOFTWARE,
      municipality: GENT,
      scope: `${READ} ${WRITE}`,
    });
  });

  it('launches a help request for its municipality and follows it', async () => {
    const launched = await t.call('POST', '/help-requests', { token: software, body: launch(GENT) });
    expect(launched.status).toBe(202);

    const read = await t.call('GET', `/help-requests/${launched.body.id}`, { token: software });
    expect(read).toMatchObject({ status: 200, body: { id: launched.body.id, municipality: GENT } });
    const listed = await t.call('GET', `/help-requests?municipality=${GENT}`, { token: software });
    expect(listed.body.helpRequests.map((r: { id: string }) => r.id)).toContain(launched.body.id);
  });

  it('acts for its own municipality only', async () => {
    expect((await t.call('POST', '/help-requests', { token: software, body: launch(LEUVEN) })).status).toBe(
      403,
    );
    expect((await t.call('GET', `/help-requests?municipality=${LEUVEN}`, { token: software })).status).toBe(
      404,
    );
  });

  it('cannot ask for another municipality, a scope its client lacks, or a client nobody configured', async () => {
    expect(
      await machineToken({ clientId: SOFTWARE, scopes: [WRITE, `crisis-api/municipality.${LEUVEN}`] }),
    ).toMatchObject({ status: 400, body: { error: 'invalid_scope' } });
    expect(await machineToken({ clientId: VIEWER, scopes: [WRITE] })).toMatchObject({
      status: 400,
      body: { error: 'invalid_scope' },
    });
    expect(await machineToken({ clientId: `m2m-${LEUVEN}-GentCrisis` })).toMatchObject({
      status: 400,
      body: { error: 'invalid_client' },
    });
  });

  it('reaches no route outside its scopes: not the roster, not the municipality', async () => {
    for (const path of [`/municipalities/${GENT}/volunteers`, `/municipalities/${GENT}`])
      expect((await t.call('GET', path, { token: software })).status, path).toBe(401);
  });

  it('only follows requests when its client may only read', async () => {
    const viewer = (await machineToken({ clientId: VIEWER })).body.token;

    expect((await t.call('POST', '/help-requests', { token: viewer, body: launch(GENT) })).status).toBe(401);
    expect((await t.call('GET', `/help-requests?municipality=${GENT}`, { token: viewer })).status).toBe(200);
  });

  it('is refused when the municipal-admin has not named the client as a requester', async () => {
    const unnamed = (await machineToken({ clientId: UNNAMED, scopes: [WRITE] })).body.token;

    const refused = await t.call('POST', '/help-requests', { token: unnamed, body: launch(GENT) });
    expect(refused).toMatchObject({ status: 403, body: { error: 'Forbidden' } });
  });
});
