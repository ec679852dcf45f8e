import { maskPhone } from '../../shared/observability/logger';
import type { LocalRuntime } from '../runtime/runtime';
import { apiClient, expectStatus } from './api-client';
import { eventually } from './eventually';

const GENT = '44021';
const DESTELBERGEN = '44013';
const MERELBEKE_MELLE = '44088';
const ON_DUTY = { name: 'Coördinator van wacht', phone: '+32499100001' };
const BACKUP = { name: 'Back-up coördinator', phone: '+32499100002' };

const GENT_MEMBERS = [
  { name: 'An Peeters', phone: '+32470200001', answer: 'JA' },
  { name: 'Bram De Smet', phone: '+32470200002', answer: 'JA {code} kan pas om 14u' },
  { name: 'Chloé Van Damme', phone: '+32470200003', answer: 'ja' },
  { name: 'Dirk Maes', phone: '+32470200004', answer: 'NEE' },
  { name: 'Elif Yılmaz', phone: '+32470200005', answer: undefined },
];
const DESTELBERGEN_MEMBERS = [
  { name: 'Fien Claes', phone: '+32470300001', answer: 'JA' },
  { name: 'Geert Wouters', phone: '+32470300002', answer: 'JA {code}' },
  { name: 'Hanne Jacobs', phone: '+32470300003', answer: undefined },
];

const CITIZENS = [
  { name: 'Jonas Verbeke', phone: '+32470400001', birthDate: '1985-02-14', parentalConsent: false },
  // 17 in the year of the demo: registers with a parent's consent.
  {
    name: 'Lotte Desmet',
    phone: '+32470400002',
    birthDate: `${new Date().getUTCFullYear() - 17}-01-01`,
    parentalConsent: true,
  },
];

const NAMES = new Map(
  [ON_DUTY, BACKUP, ...GENT_MEMBERS, ...DESTELBERGEN_MEMBERS, ...CITIZENS].map((person) => [
    person.phone,
    person.name,
  ]),
);

export interface DemoResult {
  requestId: string;
  status: string;
  counts: Record<string, number>;
  smsSent: number;
  seconds: number;
}

/**
 * The flood scenario of `npm run demo`, over the local API exactly as municipal software and volunteers' phones
 * would drive it: every step is narrated through `say`. Needs a fresh runtime with short lifecycle timing.
 */
export const floodScenario = async (
  runtime: LocalRuntime,
  say: (line: string) => void,
): Promise<DemoResult> => {
  const started = Date.now();
  const call = apiClient(runtime.url);
  const sms = (phone: string) => runtime.outbox.sentTo(phone);
  const who = (phone: string) => `${NAMES.get(phone) ?? 'unknown'} (${maskPhone(phone)})`;
  const showSms = (phone: string, body: string) => say(`    SMS → ${who(phone)}: ${body}`);
  const reply = async (phone: string, text: string) => {
    say(`    SMS ← ${who(phone)}: ${text}`);
    await expectStatus(202, call('POST', '/_local/sms/inbound', { body: { from: phone, body: text } }));
  };
  const step = (n: number, title: string) => say(`\n${n}. ${title}`);

  const coordinator = await runtime.tokens.sign({ roles: ['coordinator'], sub: 'coordinator-1' });
  const admin = await runtime.tokens.sign({
    roles: ['municipal-admin'],
    municipality: GENT,
    sub: 'gent-admin',
  });
  const requester = await runtime.tokens.sign({
    roles: ['requester'],
    municipality: GENT,
    sub: 'gent-crisis-software',
  });

  step(1, 'Set-up: Gent and its neighbours join, the duty roster is set, the corps register their members');
  await expectStatus(
    201,
    call('PUT', `/municipalities/${GENT}`, {
      token: coordinator,
      body: { neighbours: [DESTELBERGEN, MERELBEKE_MELLE] },
    }),
  );
  for (const nis of [DESTELBERGEN, MERELBEKE_MELLE]) {
    await expectStatus(
      201,
      call('PUT', `/municipalities/${nis}`, { token: coordinator, body: { neighbours: [GENT] } }),
    );
  }
  await expectStatus(
    200,
    call('PUT', '/duty-roster', { token: coordinator, body: { onDuty: ON_DUTY, backups: [BACKUP] } }),
  );
  await expectStatus(
    200,
    call('PUT', `/municipalities/${GENT}/requesters`, {
      token: admin,
      body: { requesters: ['gent-crisis-software'] },
    }),
  );
  for (const [nis, members] of [
    [GENT, GENT_MEMBERS],
    [DESTELBERGEN, DESTELBERGEN_MEMBERS],
  ] as const) {
    for (const member of members) {
      await expectStatus(
        201,
        call('POST', `/municipalities/${nis}/volunteers`, {
          token: coordinator,
          body: { name: member.name, birthDate: '1990-05-05', phone: member.phone, skills: ['logistics'] },
        }),
      );
    }
  }
  say(
    `   Gent: ${GENT_MEMBERS.length} members; Destelbergen: ${DESTELBERGEN_MEMBERS.length}; Merelbeke-Melle: none yet`,
  );

  step(
    2,
    "Gent's crisis software launches a help request: a flood in Gentbrugge, 6 volunteers for logistics",
  );
  const launched = await expectStatus(
    202,
    call('POST', '/help-requests', {
      token: requester,
      headers: { 'idempotency-key': 'demo-flood-gentbrugge' },
      body: {
        municipality: GENT,
        title: 'Wateroverlast Gentbrugge: zandzakken vullen',
        needs: [{ task: 'logistics', volunteers: 6 }],
        location: { postcode: '9050', description: 'Brusselsesteenweg, sporthal' },
        allowWidening: true,
        spontaneousCallAllowed: true,
      },
    }),
  );
  const id: string = launched.id;
  say(`   202 Accepted: help request ${id}, status ${launched.status}`);

  step(3, 'The Red Cross coordinator on duty is alerted by SMS and takes the request');
  const coordinatorSms = await eventually(async () => sms(ON_DUTY.phone)[0]);
  showSms(ON_DUTY.phone, coordinatorSms.body);
  const acknowledged = await expectStatus(
    200,
    call('POST', `/help-requests/${id}/acknowledge`, { token: coordinator }),
  );
  say(`   acknowledged by ${acknowledged.acknowledgedBy}: the backup is not alerted`);

  step(4, "Mobilisation: Gent's members are alerted, best candidates first");
  const alerts = await eventually(async () => {
    await runtime.queue.drain();
    const sent = GENT_MEMBERS.map((m) => sms(m.phone)[0]);
    return sent.every(Boolean) ? sent : undefined;
  });
  showSms(GENT_MEMBERS[0]!.phone, alerts[0]!.body);
  say(`   … and ${alerts.length - 1} more, each with its own reply code`);

  step(5, 'Replies come in: answers with and without the code, a note, a decline, one member stays silent');
  for (const [i, member] of GENT_MEMBERS.entries()) {
    const code = /JA (\d{4})/.exec(alerts[i]!.body)?.[1] ?? '';
    if (member.answer) await reply(member.phone, member.answer.replace('{code}', code));
  }
  const afterReplies = await expectStatus(200, call('GET', `/help-requests/${id}`, { token: coordinator }));
  say(`   counts: ${JSON.stringify(afterReplies.counts)}`);

  step(6, 'The response window ends with 3 of 6: the scope widens to the neighbouring corps automatically');
  const neighbourAlerts = await eventually(async () => {
    await runtime.queue.drain();
    const sent = DESTELBERGEN_MEMBERS.map((m) => sms(m.phone)[0]);
    return sent.every(Boolean) ? sent : undefined;
  }, 30_000);
  showSms(DESTELBERGEN_MEMBERS[0]!.phone, neighbourAlerts[0]!.body);
  for (const [i, member] of DESTELBERGEN_MEMBERS.entries()) {
    const code = /JA (\d{4})/.exec(neighbourAlerts[i]!.body)?.[1] ?? '';
    if (member.answer) await reply(member.phone, member.answer.replace('{code}', code));
  }

  step(7, 'Still one short when the second window ends: the coordinator hears of the shortfall');
  const shortfall = await eventually(async () => {
    await runtime.queue.drain();
    return sms(ON_DUTY.phone).find((m) => m.body.includes('tekort'));
  }, 30_000);
  showSms(ON_DUTY.phone, shortfall.body);

  step(
    8,
    'The coordinator opens a spontaneous call: citizens register for this request only, without an account',
  );
  const opened = await expectStatus(
    201,
    call('POST', `/help-requests/${id}/spontaneous-call`, { token: coordinator }),
  );
  say(`   public code ${opened.code}: the citizens' page ${opened.registrationUrl}`);
  for (const { name, phone, birthDate, parentalConsent } of CITIZENS) {
    const registered = await expectStatus(
      201,
      call('POST', opened.registrationPath, {
        body: {
          name,
          phone,
          birthDate,
          language: 'nl',
          consent: true,
          ...(parentalConsent ? { parentalConsent } : {}),
        },
      }),
    );
    say(`   ${name} registered (${registered.status}), insured from now`);
    const welcome = await eventually(async () => {
      await runtime.queue.drain();
      return sms(phone)[0];
    });
    showSms(phone, welcome.body);
    await reply(phone, 'JA');
  }

  step(9, 'On site: the coordinator checks everyone in (their insurance cover runs) and sends an update');
  const view = await expectStatus(200, call('GET', `/help-requests/${id}`, { token: coordinator }));
  // Everyone who said yes comes: the reserve too, since the coordinator wants every hand.
  const accepted: { volunteerId: string; name: string; answer: string; at: string; note?: string }[] =
    view.responses.filter((r: { answer: string }) => r.answer === 'accepted' || r.answer === 'reserve');
  for (const responder of accepted) {
    say(
      `   ${responder.name} ${responder.answer === 'reserve' ? 'said yes as a reserve' : 'accepted'} at ${responder.at.slice(11, 19)}${responder.note ? ` ("${responder.note}")` : ''}`,
    );
    await expectStatus(
      200,
      call('POST', `/help-requests/${id}/check-ins`, {
        token: coordinator,
        body: { volunteerId: responder.volunteerId },
      }),
    );
  }
  const update = await expectStatus(
    202,
    call('POST', `/help-requests/${id}/updates`, {
      token: coordinator,
      body: { message: 'Verzamelen aan de sporthal Gentbrugge, laarzen en handschoenen mee.' },
    }),
  );
  await runtime.queue.drain();
  say(`   update sent to ${update.recipients} volunteers:`);
  showSms(GENT_MEMBERS[0]!.phone, sms(GENT_MEMBERS[0]!.phone).at(-1)!.body);

  step(10, 'The water drops: the coordinator closes the request; everyone is checked out and stood down');
  await expectStatus(200, call('POST', `/help-requests/${id}/close`, { token: coordinator }));
  const standDown = await eventually(async () => {
    await runtime.queue.drain();
    return sms(GENT_MEMBERS[0]!.phone).find((m) => m.body.includes('afgesloten'));
  });
  showSms(GENT_MEMBERS[0]!.phone, standDown.body);

  step(
    11,
    'After the aftercare window the spontaneous volunteers are purged; a receipt keeps the counts only',
  );
  const execution = runtime.workflow.executions.get(id);
  await execution?.done;
  const final = await expectStatus(200, call('GET', `/help-requests/${id}`, { token: coordinator }));
  say(`   receipt: ${JSON.stringify(final.purgeReceipt?.totals)}`);
  say(`   deleted: ${JSON.stringify(final.purgeReceipt?.deleted)}`);
  say(`   their SMS left in the outbox: ${CITIZENS.flatMap((c) => sms(c.phone)).length}`);
  say(
    `\nDone in ${((Date.now() - started) / 1000).toFixed(1)} s: request ${final.status}, lifecycle ${execution?.status}`,
  );
  say(
    `   counts: ${JSON.stringify(final.counts)}; timeline: ${final.timeline.map((e: { type: string }) => e.type).join(' → ')}`,
  );
  return {
    requestId: id,
    status: final.status,
    counts: final.counts,
    smsSent: runtime.outbox.entries.length,
    seconds: (Date.now() - started) / 1000,
  };
};
