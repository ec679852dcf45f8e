import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startTestRuntime } from '../support/local-runtime';

const GENT = '44021';

describe('polling a help request with If-None-Match', () => {
  let t: Awaited<ReturnType<typeof startTestRuntime>>;
  let coordinator: string;
  let id: string;

  const get = async (ifNoneMatch?: string) => {
    const response = await fetch(`${t.runtime.url}/help-requests/${id}`, {
      headers: {
        authorization: `Bearer ${coordinator}`,
        ...(ifNoneMatch ? { 'if-none-match': ifNoneMatch } : {}),
      },
    });
    return {
      status: response.status,
      etag: response.headers.get('etag'),
      cacheControl: response.headers.get('cache-control'),
      text: await response.text(),
    };
  };

  beforeAll(async () => {
    // Minutes to acknowledge: the request holds still while it waits for the coordinator.
    t = await startTestRuntime({
      timing: { ackTimeoutSeconds: 600, responseWindowSeconds: 600, aftercareWindowSeconds: 600 },
    });
    coordinator = await t.token({ roles: ['coordinator'] });
    await t.call('PUT', `/municipalities/${GENT}`, { token: coordinator, body: {} });
    await t.call('PUT', '/duty-roster', {
      token: coordinator,
      body: { onDuty: { name: 'Coördinator', phone: '+32499000001' }, backups: [] },
    });
    const launched = await t.call('POST', '/help-requests', {
      token: coordinator,
      body: {
        municipality: GENT,
        title: 'Overstroming Gentbrugge',
        channel: 'phone',
        needs: [{ task: 'logistics', volunteers: 1 }],
        location: { postcode: '9050' },
      },
    });
    expect(launched.status).toBe(202);
    id = launched.body.id;
  });
  afterAll(async () => {
    await t.runtime.stop();
  });

  it('answers 200 with an ETag, 304 without a body while nothing changed, and a new ETag after a change', async () => {
    // Once the lifecycle has alerted the coordinator, nothing changes until someone acts.
    const settled = await eventually(async () => {
      const first = await get();
      const again = await get(first.etag ?? undefined);
      return again.status === 304 ? { first, again } : undefined;
    });
    expect(settled.first).toMatchObject({ status: 200, cacheControl: 'private, no-cache' });
    expect(settled.first.etag).toMatch(/^"[\w-]+"$/);
    expect(JSON.parse(settled.first.text)).toMatchObject({ id });
    expect(settled.again).toEqual({
      status: 304,
      etag: settled.first.etag,
      cacheControl: 'private, no-cache',
      text: '',
    });

    const acknowledged = await t.call('POST', `/help-requests/${id}/acknowledge`, { token: coordinator });
    expect(acknowledged.status).toBe(200);

    const changed = await get(settled.first.etag!);
    expect(changed.status).toBe(200);
    expect(changed.etag).toMatch(/^"[\w-]+"$/);
    expect(changed.etag).not.toBe(settled.first.etag);
    expect(JSON.parse(changed.text)).toMatchObject({ id, acknowledgedBy: expect.any(String) });
  });
});
