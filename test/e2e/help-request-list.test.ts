import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestRuntime } from '../support/local-runtime';

const BRUGGE = '31005';

describe('listing help requests of a municipality', () => {
  let t: Awaited<ReturnType<typeof startTestRuntime>>;
  let requester: string;
  const ids: string[] = [];

  beforeAll(async () => {
    t = await startTestRuntime();
    const coordinator = await t.token({ roles: ['coordinator'] });
    const admin = await t.token({ roles: ['municipal-admin'], municipality: BRUGGE });
    requester = await t.token({ roles: ['requester'], municipality: BRUGGE, sub: 'brugge-official' });
    await t.call('PUT', `/municipalities/${BRUGGE}`, { token: coordinator, body: {} });
    await t.call('PUT', `/municipalities/${BRUGGE}/requesters`, {
      token: admin,
      body: { requesters: ['brugge-official'] },
    });
    for (const title of ['Storm Zeebrugge', 'Stroompanne Assebroek', 'Hittegolf woonzorgcentrum']) {
      const launched = await t.call('POST', '/help-requests', {
        token: requester,
        body: {
          municipality: BRUGGE,
          title,
          needs: [{ task: 'logistics', volunteers: 2 }],
          location: { postcode: '8000' },
        },
      });
      ids.push(launched.body.id);
    }
    await t.call('POST', `/help-requests/${ids[0]}/close`, { token: coordinator });
  });
  afterAll(async () => {
    await t.runtime.stop();
  });

  it('lists newest first, one page at a time, following the cursor to the end', async () => {
    const first = await t.call('GET', `/help-requests?municipality=${BRUGGE}&limit=2`, { token: requester });
    expect(first.status).toBe(200);
    expect(first.body.helpRequests.map((r: { id: string }) => r.id)).toEqual([ids[2], ids[1]]);
    const second = await t.call(
      'GET',
      `/help-requests?municipality=${BRUGGE}&limit=2&cursor=${first.body.next}`,
      {
        token: requester,
      },
    );
    expect(second.body.helpRequests.map((r: { id: string }) => r.id)).toEqual([ids[0]]);
    expect(second.body.next).toBeUndefined();
  });

  it('filters by status', async () => {
    const closed = await t.call('GET', `/help-requests?municipality=${BRUGGE}&status=closed`, {
      token: requester,
    });
    expect(closed.body.helpRequests.map((r: { id: string }) => r.id)).toEqual([ids[0]]);
  });

  it('answers 404 to another municipality and 400 to a bad query', async () => {
    const gent = await t.token({ roles: ['requester'], municipality: '44021' });
    expect((await t.call('GET', `/help-requests?municipality=${BRUGGE}`, { token: gent })).status).toBe(404);
    const bad = await t.call('GET', `/help-requests?municipality=${BRUGGE}&limit=500`, { token: requester });
    expect(bad.status).toBe(400);
    expect(bad.body.issues[0].path).toBe('limit');
  });

  const cursorOf = (key: unknown) => Buffer.from(JSON.stringify(key)).toString('base64url');
  const brugge = {
    pk: 'REQ#x',
    sk: 'META',
    gsi1pk: `MUNI#${BRUGGE}`,
    gsi1sk: 'REQ#2026-01-01T00:00:00.000Z#x',
  };
  it.each([
    { what: 'not base64 JSON at all', cursor: 'bm90LW91cnM' },
    { what: 'a request key without the index keys', cursor: cursorOf({ pk: 'REQ#x' }) },
    { what: 'a key whose sort key is not a string', cursor: cursorOf({ ...brugge, sk: { S: 'META' } }) },
    { what: 'a key of another municipality', cursor: cursorOf({ ...brugge, gsi1pk: 'MUNI#44021' }) },
    { what: 'a key with an extra attribute', cursor: cursorOf({ ...brugge, name: 'x' }) },
    { what: 'a key pointing outside the help requests', cursor: cursorOf({ ...brugge, gsi1sk: 'VOL#x' }) },
    { what: 'a JSON array', cursor: cursorOf(['REQ#x']) },
  ])('answers a crafted cursor ($what) with 400 naming the cursor', async ({ cursor }) => {
    const forged = await t.call('GET', `/help-requests?municipality=${BRUGGE}&cursor=${cursor}`, {
      token: requester,
    });
    expect(forged).toMatchObject({
      status: 400,
      body: { error: 'ValidationError', issues: [{ path: 'cursor' }] },
    });
  });
});
