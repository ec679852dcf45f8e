import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderOptedOutSms, renderRejoinedSms } from '../../shared/domain/sms-templates';
import { eventually, startTestRuntime, until } from '../support/local-runtime';

const MECHELEN = '12025';
const PHONE = '+32478665544';

describe('STOP and back over HTTP and SMS on the local runtime', () => {
  let t: Awaited<ReturnType<typeof startTestRuntime>>;
  beforeAll(async () => {
    t = await startTestRuntime();
  });
  afterAll(async () => {
    await t.runtime.stop();
  });

  it('silences a member who texts STOP, lists them opted out, and alerts them again only after AAN', async () => {
    const coordinator = await t.token({ roles: ['coordinator'], sub: 'coordinator-1' });
    const admin = await t.token({
      roles: ['municipal-admin'],
      municipality: MECHELEN,
      sub: 'mechelen-admin',
    });
    const requester = await t.token({
      roles: ['requester'],
      municipality: MECHELEN,
      sub: 'mechelen-official',
    });
    await t.call('PUT', `/municipalities/${MECHELEN}`, { token: coordinator, body: {} });
    await t.call('PUT', `/municipalities/${MECHELEN}/requesters`, {
      token: admin,
      body: { requesters: ['mechelen-official'] },
    });
    const registered = await t.call('POST', `/municipalities/${MECHELEN}/volunteers`, {
      token: admin,
      body: { name: 'Mira Stil', birthDate: '1991-02-03', phone: PHONE },
    });
    const id: string = registered.body.id;
    /** Launches a request in Mechelen and answers the SMS its mobilisation sent to the member. */
    const launch = async (expectAlert: boolean) => {
      const before = t.runtime.outbox.sentTo(PHONE).length;
      const launched = await t.call('POST', '/help-requests', {
        token: requester,
        body: {
          municipality: MECHELEN,
          title: 'Wateroverlast',
          needs: [{ task: 'logistics', volunteers: 1 }],
          location: { postcode: '2800' },
        },
      });
      expect(launched.status).toBe(202);
      const sentSince = async () => {
        await t.runtime.queue.drain();
        return t.runtime.outbox
          .sentTo(PHONE)
          .slice(before)
          .map((m) => m.body);
      };
      if (expectAlert) return eventually(async () => ((await sentSince()).length ? sentSince() : undefined));
      // Nobody accepts: the shortfall entry says mobilisation and the response window are over.
      await until(async () => {
        const request = await t.call('GET', `/help-requests/${launched.body.id}`, { token: requester });
        return request.body.timeline.some((e: { type: string }) => e.type === 'shortfall');
      });
      return sentSince();
    };

    await t.runtime.inbound(PHONE, 'STOP');
    await t.runtime.queue.drain();

    expect(t.runtime.outbox.sentTo(PHONE).map((m) => m.body)).toEqual([renderOptedOutSms('nl', 'member')]);
    const roster = await t.call('GET', `/municipalities/${MECHELEN}/volunteers`, { token: admin });
    expect(roster.body.volunteers.find((v: { id: string }) => v.id === id)).toMatchObject({
      status: 'opted-out',
    });
    expect((await t.call('GET', `/municipalities/${MECHELEN}`, { token: admin })).body.corps).toMatchObject({
      members: 1,
      fundedMembers: 0,
    });
    expect(await launch(false)).toEqual([]);

    await t.runtime.inbound(PHONE, 'aan');

    expect(t.runtime.outbox.sentTo(PHONE).at(-1)?.body).toBe(renderRejoinedSms('nl'));
    expect(await launch(true)).toEqual([
      expect.stringMatching(/^Rode Kruis: hulpvraag Mechelen: Wateroverlast\. /),
    ]);
  });
});
