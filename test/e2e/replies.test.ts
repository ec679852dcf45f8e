import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { belgianDate } from '../../shared/domain/dates';
import type { Volunteer } from '../../shared/schemas/volunteer';
import { aVolunteer } from '../builders/volunteer';
import { eventually, startTestRuntime } from '../support/local-runtime';

/**
 * A volunteer's answers over the local runtime's HTTP API and SMS outbox: which alert an answer goes to, what the
 * volunteer hears back, and how acceptances count per task. Each test has a corps of its own; the response window
 * and the acknowledgement time are long, so only the answers move the requests.
 */
describe('answers to call-outs, end to end', () => {
  let t: Awaited<ReturnType<typeof startTestRuntime>>;
  let coordinator: string;
  let phoneSeq = 0;
  const corpsCodes = ['11001', '11004', '11005', '11008'];
  const ON_DUTY = { name: 'Sofie Maes', phone: '+32499300001' };

  beforeAll(async () => {
    t = await startTestRuntime({
      timing: { ackTimeoutSeconds: 600, responseWindowSeconds: 600, aftercareWindowSeconds: 1 },
    });
    coordinator = await t.token({ roles: ['coordinator'], sub: 'coordinator-1' });
    const roster = await t.call('PUT', '/duty-roster', {
      token: coordinator,
      body: { onDuty: ON_DUTY, backups: [] },
    });
    expect(roster.status).toBe(200);
  });
  afterAll(async () => {
    await t.runtime.stop();
  });

  /** A joined municipality of the test's own with `count` members. */
  const corps = async (count: number, overrides: Partial<Volunteer> = {}) => {
    const nis = corpsCodes.shift()!;
    expect((await t.call('PUT', `/municipalities/${nis}`, { token: coordinator, body: {} })).status).toBe(
      201,
    );
    const members = await t.runtime.ports.volunteers.registerMembers(
      nis,
      Array.from({ length: count }, () =>
        aVolunteer({
          id: t.runtime.ports.newId(),
          municipality: nis,
          phone: `+3247${String(3_000_000 + ++phoneSeq).slice(1)}0`,
          registeredAt: new Date().toISOString(),
          ...overrides,
        }),
      ),
      { sub: 'coordinator-1', roles: ['coordinator'] },
    );
    return { nis, members };
  };

  const launch = async (nis: string, title: string, needs: unknown[], description?: string) => {
    const launched = await t.call('POST', '/help-requests', {
      token: coordinator,
      body: {
        municipality: nis,
        title,
        channel: 'phone',
        needs,
        location: { postcode: '2000', ...(description ? { description } : {}) },
        allowWidening: false,
      },
    });
    expect(launched.status).toBe(202);
    return launched.body.id as string;
  };

  /** The body of the `n`th SMS to `phone` (1-based), once it has gone out. */
  const nthSms = (phone: string, n: number) =>
    eventually(async () => {
      await t.runtime.queue.drain();
      return t.runtime.outbox.sentTo(phone)[n - 1]?.body;
    });
  const codeIn = (sms: string) => /JA (\d{4})/.exec(sms)![1]!;
  const smsTo = (phone: string) => t.runtime.outbox.sentTo(phone).map((m) => m.body);
  const reply = (from: string, body: string) =>
    t.call('POST', '/_local/sms/inbound', { body: { from, body } });
  const view = async (id: string) =>
    (await t.call('GET', `/help-requests/${id}`, { token: coordinator })).body;
  const close = async (id: string) =>
    expect((await t.call('POST', `/help-requests/${id}/close`, { token: coordinator })).status).toBe(200);

  it('takes a bare JA for the new call-out when an old one was left unanswered, and offers a choice between two open ones', async () => {
    const { nis, members } = await corps(1);
    const phone = members[0]!.phone;
    const old = await launch(nis, 'Oude oproep', [{ task: 'logistics', volunteers: 1 }]);
    await nthSms(phone, 1);
    await close(old);
    const fresh = await launch(nis, 'Nieuwe oproep', [{ task: 'logistics', volunteers: 3 }]);
    await nthSms(phone, 2);

    expect((await reply(phone, 'JA')).status).toBe(202);
    expect((await view(fresh)).counts).toMatchObject({ accepted: 1 });
    expect((await view(old)).counts).toMatchObject({ accepted: 0 });

    const sandbags = await launch(nis, 'Zandzakken vullen', [{ task: 'logistics', volunteers: 3 }]);
    const evacuation = await launch(nis, 'Evacuatie rusthuis', [{ task: 'logistics', volunteers: 3 }]);
    const alertFor = (title: string) =>
      eventually(async () => {
        await t.runtime.queue.drain();
        return smsTo(phone).find((sms) => sms.includes(`: ${title}. Kan je helpen?`));
      });
    const codes = [codeIn(await alertFor('Zandzakken vullen')), codeIn(await alertFor('Evacuatie rusthuis'))];
    const before = smsTo(phone).length;
    await reply(phone, 'ja');

    const choice = await nthSms(phone, before + 1);
    expect(choice).toMatch(/^Rode Kruis: je hebt meerdere open oproepen/);
    for (const code of codes) expect(choice).toContain(`JA ${code} (`);
    expect(choice).toContain('(Zandzakken vullen)');
    expect(choice).toContain('(Evacuatie rusthuis)');
    expect((await view(sandbags)).counts.accepted).toBe(0);
    expect((await view(evacuation)).counts.accepted).toBe(0);
    for (const id of [fresh, sandbags, evacuation]) await close(id);
  });

  it('confirms a JA with the title and place, names the coordinator once acknowledged, thanks the others once every need is met, and keeps a later JA as reserve', async () => {
    const { nis, members } = await corps(3);
    const [first, second, third] = members.map((m) => m.phone) as [string, string, string];
    const id = await launch(
      nis,
      'Dijkbewaking Schelde',
      [{ task: 'logistics', volunteers: 2 }],
      'Kaai 12, aan de loods',
    );
    const codes = await Promise.all([first, second, third].map(async (p) => codeIn(await nthSms(p, 1))));

    await reply(first, `JA ${codes[0]}`);
    const confirmation = await nthSms(first, 2);
    expect(confirmation).toContain('Dijkbewaking Schelde');
    expect(confirmation).toContain('Kaai 12, aan de loods');
    expect(confirmation).not.toContain(ON_DUTY.name);

    const ack = await t.call('POST', `/help-requests/${id}/acknowledge`, { token: coordinator });
    expect(ack.status).toBe(200);
    const yes = await t.runtime.inbound(second, `JA ${codes[1]}`);
    // SNS delivers the same reply again: no second confirmation, no second thank-you.
    await t.runtime.inbound(second, `JA ${codes[1]}`, { inboundMessageId: yes });
    expect(await nthSms(second, 2)).toContain(ON_DUTY.name);
    const enough = await nthSms(third, 2);
    expect(enough).toMatch(/^Rode Kruis: er zijn genoeg vrijwilligers/);
    await t.runtime.queue.drain();
    expect(smsTo(second)).toHaveLength(2);
    expect(smsTo(third)).toHaveLength(2);
    expect(smsTo(first)).toHaveLength(2);
    expect((await view(id)).counts).toMatchObject({ accepted: 2, released: 1, unanswered: 0 });

    await reply(third, `JA ${codes[2]}`);
    expect(await nthSms(third, 3)).toMatch(/reserve/);
    expect((await view(id)).counts).toMatchObject({ accepted: 2, reserve: 1, released: 0, unanswered: 0 });
    await close(id);
  });

  it('counts acceptances per task: logistics acceptances beyond their need are reserve and never meet the medical need', async () => {
    const { nis, members } = await corps(3);
    const [medic] = await t.runtime.ports.volunteers.registerMembers(
      nis,
      [
        aVolunteer({
          id: t.runtime.ports.newId(),
          municipality: nis,
          phone: `+3247${String(3_000_000 + ++phoneSeq).slice(1)}0`,
          skills: ['medical', 'first-aid'],
          qualifiedSince: belgianDate(new Date()),
          registeredAt: new Date().toISOString(),
        }),
      ],
      { sub: 'coordinator-1', roles: ['coordinator'] },
    );
    const id = await launch(nis, 'Noodopvang sporthal', [
      { task: 'medical', volunteers: 1 },
      { task: 'logistics', volunteers: 2 },
    ]);
    for (const member of members) await reply(member.phone, `JA ${codeIn(await nthSms(member.phone, 1))}`);

    const counted = await view(id);
    expect(counted.counts).toMatchObject({
      accepted: 2,
      reserve: 1,
      byTask: { medical: { needed: 1, accepted: 0 }, logistics: { needed: 2, accepted: 2 } },
    });
    expect(counted.responses.map((r: { answer: string }) => r.answer).sort()).toEqual([
      'accepted',
      'accepted',
      'reserve',
    ]);
    await t.runtime.queue.drain();
    // Medical help is still missing: the medic is not told that there are enough volunteers.
    expect(smsTo(medic!.phone)).toHaveLength(1);

    await reply(medic!.phone, `JA ${codeIn(await nthSms(medic!.phone, 1))}`);
    expect((await view(id)).counts).toMatchObject({
      accepted: 3,
      byTask: { medical: { needed: 1, accepted: 1 }, logistics: { needed: 2, accepted: 2 } },
    });
    await close(id);
  });
});
