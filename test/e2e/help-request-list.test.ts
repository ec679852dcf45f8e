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

describe('listing the help requests of all of Flanders', () => {
  const GENT = '44021';
  let t: Awaited<ReturnType<typeof startTestRuntime>>;
  let coordinator: string;
  let crisis: string;
  const requesters: Record<string, string> = {};
  /** Oldest first: Brugge, Gent, Brugge, Gent. */
  const launched: { id: string; municipality: string }[] = [];
  const idsOf = (body: { helpRequests: { id: string }[] }) => body.helpRequests.map((r) => r.id);
  const newest = () => [...launched].reverse();

  beforeAll(async () => {
    t = await startTestRuntime();
    coordinator = await t.token({ roles: ['coordinator'] });
    crisis = await t.token({ roles: ['crisis-centre'] });
    for (const nis of [BRUGGE, GENT]) {
      const admin = await t.token({ roles: ['municipal-admin'], municipality: nis });
      await t.call('PUT', `/municipalities/${nis}`, { token: coordinator, body: {} });
      await t.call('PUT', `/municipalities/${nis}/requesters`, {
        token: admin,
        body: { requesters: [`official-${nis}`] },
      });
      requesters[nis] = await t.token({ roles: ['requester'], municipality: nis, sub: `official-${nis}` });
    }
    for (const [nis, postcode] of [
      [BRUGGE, '8000'],
      [GENT, '9000'],
      [BRUGGE, '8310'],
      [GENT, '9050'],
    ] as const) {
      const response = await t.call('POST', '/help-requests', {
        token: requesters[nis]!,
        body: {
          municipality: nis,
          title: 'Wateroverlast',
          needs: [{ task: 'logistics', volunteers: 1 }],
          location: { postcode },
        },
      });
      expect(response.status).toBe(202);
      launched.push({ id: response.body.id, municipality: nis });
    }
    await t.call('POST', `/help-requests/${launched[0]!.id}/close`, { token: coordinator });
  });
  afterAll(async () => {
    await t.runtime.stop();
  });

  it.each([
    ['a coordinator', () => coordinator],
    ['the crisis centre', () => crisis],
  ])('gives %s every municipality newest first, across pages', async (_who, token) => {
    const first = await t.call('GET', '/help-requests?limit=3', { token: token() });
    expect(first.status).toBe(200);
    expect(first.body.next).toEqual(expect.any(String));
    const second = await t.call('GET', `/help-requests?limit=3&cursor=${first.body.next}`, {
      token: token(),
    });
    expect(second.status).toBe(200);
    expect(second.body.next).toBeUndefined();

    expect([...idsOf(first.body), ...idsOf(second.body)]).toEqual(newest().map((r) => r.id));
  });

  it('filters all of Flanders to the open requests', async () => {
    const open = await t.call('GET', '/help-requests?status=open', { token: crisis });

    expect(idsOf(open.body)).toEqual(
      newest()
        .slice(0, 3)
        .map((r) => r.id),
    );
  });

  it("gives a municipal role its own municipality's requests only, and 404 for another's", async () => {
    const own = await t.call('GET', '/help-requests', { token: requesters[GENT]! });
    expect(own.status).toBe(200);
    expect(idsOf(own.body)).toEqual(
      newest()
        .filter((r) => r.municipality === GENT)
        .map((r) => r.id),
    );

    const other = await t.call('GET', `/help-requests?municipality=${BRUGGE}`, { token: requesters[GENT]! });
    expect(other.status).toBe(404);
  });

  it('refuses a cursor of all of Flanders on one municipality, naming the cursor', async () => {
    const all = await t.call('GET', '/help-requests?limit=1', { token: coordinator });
    const mixed = await t.call('GET', `/help-requests?municipality=${GENT}&cursor=${all.body.next}`, {
      token: coordinator,
    });

    expect(mixed).toMatchObject({ status: 400, body: { issues: [{ path: 'cursor' }] } });
  });

  it('refuses the listing without a municipality to a volunteer', async () => {
    const volunteer = await t.token({ roles: ['volunteer'], volunteerId: '01JDZZZZZZZZZZZZZZZZZZZZZZ' });

    expect((await t.call('GET', '/help-requests', { token: volunteer })).status).toBe(403);
  });
});
