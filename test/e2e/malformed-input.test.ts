import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestRuntime } from '../support/local-runtime';

const LEUVEN = '24062';

/** What fuzzing and careless clients send: every answer is a 4xx that says what is wrong, never a 500. */
describe('input a client gets wrong, over HTTP on the local runtime', () => {
  let t: Awaited<ReturnType<typeof startTestRuntime>>;
  let coordinator: string;
  let requester: string;
  beforeAll(async () => {
    t = await startTestRuntime();
    coordinator = await t.token({ roles: ['coordinator'], sub: 'coordinator-1' });
    requester = await t.token({ roles: ['requester'], municipality: LEUVEN, sub: 'leuven-official' });
    const admin = await t.token({ roles: ['municipal-admin'], municipality: LEUVEN });
    await t.call('PUT', `/municipalities/${LEUVEN}`, { token: coordinator, body: {} });
    await t.call('PUT', `/municipalities/${LEUVEN}/requesters`, {
      token: admin,
      body: { requesters: ['leuven-official'] },
    });
  });
  afterAll(async () => {
    await t.runtime.stop();
  });

  it.each(['/municipalities/%ZZ', '/municipalities/%E0%A4%A', '/volunteers/%'])(
    'answers a path with a malformed percent escape (%s) with 400',
    async (path) => {
      const answer = path.startsWith('/municipalities')
        ? await t.call('PUT', path, { token: coordinator, body: {} })
        : await t.call('GET', path, { token: coordinator });
      expect(answer).toMatchObject({
        status: 400,
        body: { error: 'ValidationError', issues: [{ path: '' }] },
      });
    },
  );

  it('refuses a corps member born more than 110 years ago with 422 implausible-birth-date', async () => {
    const answer = await t.call('POST', `/municipalities/${LEUVEN}/volunteers`, {
      token: coordinator,
      body: { name: 'Jan Janssens', birthDate: '1900-01-01', phone: '0470 11 11 11' },
    });
    expect(answer).toMatchObject({ status: 422, body: { rule: 'implausible-birth-date' } });
  });

  describe('an Idempotency-Key replay', () => {
    const body = {
      municipality: LEUVEN,
      title: 'Wateroverlast Heverlee',
      needs: [{ task: 'logistics', volunteers: 2 }],
      location: { postcode: '3001' },
    };
    const launch = (key: string, sent: unknown) =>
      t.call('POST', '/help-requests', { token: requester, headers: { 'Idempotency-Key': key }, body: sent });

    it('answers the same body with its keys in another order as a replay: the first response, nothing new', async () => {
      const first = await launch('heverlee-1', body);
      expect(first.status).toBe(202);
      const reordered = {
        location: { postcode: '3001' },
        needs: [{ volunteers: 2, task: 'logistics' }],
        title: 'Wateroverlast Heverlee',
        municipality: LEUVEN,
      };
      const replay = await launch('heverlee-1', JSON.stringify(reordered, null, 2));
      expect(replay).toEqual(first);
      const listed = await t.call('GET', `/help-requests?municipality=${LEUVEN}`, { token: requester });
      expect(listed.body.helpRequests.filter((r: { title: string }) => r.title === body.title)).toHaveLength(
        1,
      );
    });

    it('still refuses the same key with another body with 422 idempotency-key-reused', async () => {
      expect((await launch('heverlee-2', body)).status).toBe(202);
      const changed = await launch('heverlee-2', { ...body, title: 'Wateroverlast Kessel-Lo' });
      expect(changed).toMatchObject({ status: 422, body: { rule: 'idempotency-key-reused' } });
    });

    it.each([
      { what: 'not JSON', sent: '{"municipality":' },
      { what: 'empty', sent: undefined },
    ])('answers a body that is $what with 400, not 500, even with a key', async ({ sent }) => {
      const answer = await launch('heverlee-3', sent);
      expect(answer).toMatchObject({ status: 400, body: { error: 'ValidationError' } });
    });
  });
});
