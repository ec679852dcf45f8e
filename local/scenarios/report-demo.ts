import { ulid } from 'ulid';
import { composePorts } from '../../shared/compose-ports';
import type { Identity } from '../../shared/domain/identity';
import { DEFAULT_CLAIM_RETENTION_YEARS } from '../../shared/domain/retention';
import { noSmsTraces } from '../../shared/messaging/sms-traces';
import type { Ports } from '../../shared/ports';
import { createHelpRequestBodySchema } from '../../shared/schemas/help-request';
import { recordTrainingBodySchema } from '../../shared/schemas/training';
import { registerVolunteerBodySchema } from '../../shared/schemas/volunteer';
import { checkIn, checkOut } from '../../shared/services/deployments';
import { closeHelpRequest, launchHelpRequest } from '../../shared/services/help-requests';
import { mobilise } from '../../shared/services/lifecycle';
import { eraseVolunteer, putMunicipality, registerVolunteer } from '../../shared/services/registry';
import { putTrainingProvider, recordTraining } from '../../shared/services/training';
import { allRepositoryPorts } from '../../shared/store/repository-ports';
import { fixedPorts } from '../runtime/fixed-ports';
import { InMemoryMetrics } from '../runtime/in-memory-metrics';
import { InMemoryOfficialAccounts } from '../runtime/official-accounts';
import { LOCAL_CRISIS_CENTRE_PHONE, LOCAL_SMS_POOL, LOCAL_TIMING } from '../runtime/runtime';
import { InMemoryUserAccounts } from '../runtime/user-accounts';

const COORDINATOR: Identity = { sub: 'demo-coordinator', roles: ['coordinator'] };
const PROVIDER = 'rode-kruis-vlaanderen';

/** One municipality per province and a few more, with how many members join during the demo year. */
const DEMO_CORPS: [nis: string, members: number][] = [
  ['11002', 34], // Antwerpen
  ['12025', 12], // Mechelen
  ['24062', 21], // Leuven
  ['23088', 7], // Vilvoorde
  ['31005', 16], // Brugge
  ['34022', 11], // Kortrijk
  ['44021', 40], // Gent
  ['41002', 9], // Aalst
  ['71072', 14], // Hasselt
  ['71016', 10], // Genk
];

/** A small deterministic generator (mulberry32), so every demo year holds the same figures. */
const random = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};

/** The services on this process's tables, with a clock the seed moves through the year and no SMS or workflow. */
const seedPorts = () => {
  let now = new Date();
  const ports: Ports = composePorts({
    ...allRepositoryPorts(),
    ...fixedPorts({
      smsJobs: { enqueue: async () => {} },
      sms: { send: async () => ({ messageId: ulid() }) },
      smsTraces: noSmsTraces,
      attachments: {
        presignUpload: async () => {
          throw new Error('the demo year files no claims');
        },
        deleteClaimFiles: async () => 0,
      },
      claimRetentionYears: DEFAULT_CLAIM_RETENTION_YEARS,
      accounts: new InMemoryUserAccounts(),
      officialAccounts: new InMemoryOfficialAccounts(),
      smsPool: LOCAL_SMS_POOL,
      metrics: new InMemoryMetrics(),
      workflow: { start: async () => {}, resume: async () => {} },
      activationWorkflow: { start: async () => {} },
      timing: LOCAL_TIMING,
      crisisCentrePhone: LOCAL_CRISIS_CENTRE_PHONE,
      clock: { now: () => new Date(now) },
      sleep: async () => {},
    }),
  });
  return { ports, at: (iso: string) => (now = new Date(iso)) };
};

const iso = (year: number, dayOfYear: number, minutes: number) =>
  new Date(Date.UTC(year, 0, 1 + dayOfYear, 7, 0) + minutes * 60_000).toISOString();

/**
 * Seeds a demo year through the real services (members join, follow courses, are called out and deployed; some
 * leave), so the report's counters are written exactly as in production. For an empty, in-memory store only.
 */
export const seedDemoYear = async (year: number, progress: (line: string) => void): Promise<void> => {
  const { ports, at } = seedPorts();
  const next = random(year);
  const pick = (n: number) => Math.floor(next() * n);
  at(iso(year, 0, 0));
  await putTrainingProvider(ports, COORDINATOR, PROVIDER, {
    name: 'Rode Kruis-Vlaanderen',
    charter: 'red-cross-flanders',
  });
  // The coordinator enters the year's requests by phone, which needs someone on duty.
  await ports.dutyRoster.put(
    { onDuty: { name: 'Wachtdienst', phone: '+32499000001' }, backups: [] },
    COORDINATOR,
    ports.clock.now().toISOString(),
  );
  let phone = 0;
  for (const [index, [nis, size]] of DEMO_CORPS.entries()) {
    await putMunicipality(ports, COORDINATOR, nis, { neighbours: [] });
    const members: string[] = [];
    for (let i = 0; i < size; i++) {
      at(iso(year, pick(120), i));
      const prior = next() < 0.15;
      const member = await registerVolunteer(
        ports,
        COORDINATOR,
        nis,
        registerVolunteerBodySchema.parse({
          name: `Demo ${nis}-${i}`,
          birthDate: '1990-01-01',
          phone: `+32470${String(100_000 + ++phone)}`,
          ...(prior ? { priorFirstAidCertificate: { date: `${year - 3}-05-01` } } : {}),
        }),
      );
      members.push(member.id);
      at(iso(year, 150 + pick(60), 0));
      const course = (kind: string, day: number) =>
        recordTraining(
          ports,
          COORDINATOR,
          member.id,
          recordTrainingBodySchema.parse({
            kind,
            providerId: PROVIDER,
            date: iso(year, day, 0).slice(0, 10),
          }),
        );
      if (next() < 0.8) await course('basic', 130 + pick(15));
      if (next() < 0.5) await course('refresher', 140);
      if (next() < 0.5) await course('simulation', 145);
    }
    const requests = 1 + pick(3);
    for (let r = 0; r < requests; r++) {
      at(iso(year, 160 + pick(190), pick(600)));
      const request = await launchHelpRequest(
        ports,
        COORDINATOR,
        createHelpRequestBodySchema.parse({
          municipality: nis,
          title: 'Demo: wateroverlast',
          channel: 'phone',
          needs: [{ task: 'logistics', volunteers: 3 }],
          location: { postcode: '9000' },
        }),
      );
      await mobilise(ports, request.id, 'everyone');
      const alerts = (await ports.alerts.listForRequest(request.id)).slice(0, 3);
      const launched = ports.clock.now().getTime();
      for (const alert of alerts) {
        const answeredAt = new Date(launched + (2 + pick(25)) * 60_000).toISOString();
        await ports.alerts.recordAnswer(alert, 'accepted', answeredAt, undefined);
      }
      at(new Date(launched + 40 * 60_000).toISOString());
      for (const alert of alerts) await checkIn(ports, COORDINATOR, request.id, alert.volunteerId);
      at(new Date(launched + (40 + 60 + pick(240)) * 60_000).toISOString());
      for (const alert of alerts) await checkOut(ports, COORDINATOR, request.id, alert.volunteerId);
      await closeHelpRequest(ports, COORDINATOR, request.id);
    }
    // A member leaves in the autumn: erased, only the anonymous counts remain.
    at(iso(year, 300, 0));
    if (members.length > 5) await eraseVolunteer(ports, COORDINATOR, members[0]!);
    progress(
      `seeded ${index + 1}/${DEMO_CORPS.length} corps (${nis}: ${size} members, ${requests} requests)`,
    );
  }
};
