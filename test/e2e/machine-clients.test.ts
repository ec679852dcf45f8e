import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestRuntime } from '../support/local-runtime';

const GENT = '44021';
const LEUVEN = '24062';
const WRITE = 'crisis-api/help-requests.write';
const READ = 'crisis-api/help-requests.read';

const launch = (municipality: string) => ({
  municipality,
  title: 'Wateroverlast Gentbrugge',
  needs: [{ task: 'logistics', volunteers: 2 }],
  location: { postcode: '9050' },
});

describe("a municipality's crisis software (a machine client)", () => {
  let t: Awaited<ReturnType<typeof startTestRuntime>>;
  let software: string;

  beforeAll(async () => {
    t = await startTestRuntime();
    const coordinator = await t.token({ roles: ['coordinator'] });
    const admin = await t.token({ roles: ['municipal-admin'], municipality: GENT });
    for (const nis of [GENT, LEUVEN])
      await t.call('PUT', `/municipalities/${nis}`, { token: coordinator, body: {} });
    // The municipal-admin names the client's id, as for any official.
    await t.call('PUT', `/municipalities/${GENT}/requesters`, {
      token: admin,
      body: { requesters: ['gent-crisis-software'] },
    });
    software = await t.token({
      clientId: 'gent-crisis-software',
      scopes: [WRITE, READ, `crisis-api/municipality.${GENT}`],
    });
  });
  afterAll(async () => {
    await t.runtime.stop();
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

  it('reaches no route outside its scopes: not the roster, not the municipality', async () => {
    for (const path of [`/municipalities/${GENT}/volunteers`, `/municipalities/${GENT}`])
      expect((await t.call('GET', path, { token: software })).status, path).toBe(401);
  });

  it('only follows requests when its client may only read', async () => {
    const viewer = await t.token({
      clientId: 'gent-viewer',
      scopes: [READ, `crisis-api/municipality.${GENT}`],
    });

    expect((await t.call('POST', '/help-requests', { token: viewer, body: launch(GENT) })).status).toBe(401);
    expect((await t.call('GET', `/help-requests?municipality=${GENT}`, { token: viewer })).status).toBe(200);
  });

  it('is refused when the municipal-admin has not named the client as a requester', async () => {
    const unnamed = await t.token({
      clientId: 'other-software',
      scopes: [WRITE, `crisis-api/municipality.${GENT}`],
    });

    const refused = await t.call('POST', '/help-requests', { token: unnamed, body: launch(GENT) });
    expect(refused).toMatchObject({ status: 403, body: { error: 'Forbidden' } });
  });
});
