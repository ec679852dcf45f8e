import { ulid } from 'ulid';
import { beforeAll, describe, expect, it } from 'vitest';
import { annualReportCsv } from '../../../shared/domain/annual-report';
import { RuleViolation } from '../../../shared/domain/errors';
import { annualReportSvg } from '../../../shared/domain/report-chart';
import type { AnnualReport } from '../../../shared/schemas/annual-report';
import type { InboundSms } from '../../../shared/schemas/sms-job';
import { annualReport } from '../../../shared/services/annual-report';
import { checkIn, checkOut } from '../../../shared/services/deployments';
import { closeHelpRequest, launchHelpRequest } from '../../../shared/services/help-requests';
import { mobilise } from '../../../shared/services/lifecycle';
import { eraseVolunteer, putMunicipality, registerVolunteer } from '../../../shared/services/registry';
import { dispatchSms, handleInboundSms } from '../../../shared/services/sms';
import {
  openSpontaneousCall,
  purgeAdHocData,
  registerSpontaneousVolunteer,
} from '../../../shared/services/spontaneous';
import { putTrainingProvider, recordTraining } from '../../../shared/services/training';
import { aCreateHelpRequestBody } from '../../builders/help-request';
import { anIdentity } from '../../builders/identity';
import { aRegistration } from '../../builders/registration';
import { aSpontaneousRegistration } from '../../builders/spontaneous';
import { createTestTables } from '../../support/tables';
import { scanTable, TestClock, type TestPorts, testPorts } from '../ports';

const GENT = '44021';
const coordinator = anIdentity(['coordinator'], undefined, 'coordinator-1');
const crisisCentre = anIdentity(['crisis-centre'], undefined, 'crisis-1');
const CONFIG = {
  targets: { start: 500, startYear: 2025, legislature: 15_000, legislatureStartYear: 2024 },
  unitPrices: { basic: 120, refresher: 30, simulation: 30 },
};

let ports: TestPorts;
let tables: Record<string, string>;
const clock = new TestClock('2025-02-01T09:00:00.000Z');

const inbound = (from: string, messageBody: string): InboundSms => ({
  originationNumber: from,
  messageBody,
  inboundMessageId: ulid(),
});

const reportOf = (year: number) => annualReport(ports, crisisCentre, year, { config: CONFIG });
/** The three renderings the Flemish Government receives. */
const rendered = (report: AnnualReport) => ({
  json: JSON.stringify(report),
  csv: annualReportCsv(report),
  svg: annualReportSvg(report),
});

/** Launches a request (by phone), mobilises, lets `acceptAfterMinutes` pass and has every alerted member say JA. */
const launchAndAccept = async (at: string, acceptAfterMinutes: number) => {
  clock.set(at);
  const request = await launchHelpRequest(
    ports,
    coordinator,
    aCreateHelpRequestBody({
      channel: 'phone',
      spontaneousCallAllowed: true,
      needs: [{ task: 'logistics', volunteers: 2 }],
    }),
  );
  ports.smsJobs.jobs.length = 0;
  await mobilise(ports, request.id, 'everyone');
  for (const job of ports.smsJobs.jobs) await dispatchSms(ports, job);
  clock.advance(acceptAfterMinutes * 60_000);
  const alerts = await ports.alerts.listForRequest(request.id);
  for (const alert of alerts) {
    const phone = ports.smsJobs.jobs.find(
      (j) => j.kind === 'alert' && j.volunteerId === alert.volunteerId,
    )!.to;
    await handleInboundSms(ports, inbound(phone, `JA ${alert.code}`), clock.now().toISOString());
  }
  return { request, accepted: alerts.map((a) => a.volunteerId) };
};

let members: { id: string }[] = [];
let before: ReturnType<typeof rendered>;
let report2025: AnnualReport;

beforeAll(async () => {
  tables = (await createTestTables()).tables;
  ports = testPorts(clock);
  await putMunicipality(ports, coordinator, GENT, { neighbours: [] });
  // Requests taken by phone need a coordinator on duty.
  await ports.dutyRoster.put(
    { onDuty: { name: 'Van dienst', phone: '+32499100001' }, backups: [] },
    coordinator,
    clock.now().toISOString(),
  );
  await putTrainingProvider(ports, coordinator, 'rkv', {
    name: 'Rode Kruis Vlaanderen',
    charter: 'red-cross-flanders',
  });
  // 11 members join in February 2025, the last with a first-aid certificate from before.
  members = [];
  for (let i = 0; i < 11; i++) {
    clock.set(`2025-02-01T09:${String(i).padStart(2, '0')}:00.000Z`);
    members.push(
      await registerVolunteer(
        ports,
        coordinator,
        GENT,
        aRegistration(i === 10 ? { priorFirstAidCertificate: { date: '2019-05-01' } } : {}),
      ),
    );
  }
  clock.set('2025-04-01T09:00:00.000Z');
  const course = (id: string, kind: string, date: string) =>
    recordTraining(ports, coordinator, id, { kind, providerId: 'rkv', date } as never);
  await course(members[0]!.id, 'basic', '2025-03-15');
  await course(members[1]!.id, 'basic', '2025-03-15');
  await course(members[10]!.id, 'basic', '2025-03-15');
  await course(members[0]!.id, 'refresher', '2025-03-20');
  await course(members[0]!.id, 'refresher', '2025-03-21');
  await course(members[1]!.id, 'simulation', '2025-03-22');

  // June: answered in 4 minutes, two members deployed for 90 minutes.
  const june = await launchAndAccept('2025-06-10T08:00:00.000Z', 4);
  for (const id of june.accepted.slice(0, 2)) await checkIn(ports, coordinator, june.request.id, id);
  clock.advance(90 * 60_000);
  for (const id of june.accepted.slice(0, 2)) await checkOut(ports, coordinator, june.request.id, id);
  await closeHelpRequest(ports, coordinator, june.request.id);

  // New Year's Eve, 23:30 in Belgium: answered 20 minutes later; a spontaneous volunteer registers and is on site
  // with a member from 23:55 to 00:55 Belgian time (5 minutes in 2025, 55 in 2026); the request closes in 2026.
  const eve = await launchAndAccept('2025-12-31T22:30:00.000Z', 20);
  const deployed = eve.accepted.find((id) => id !== members[0]!.id && id !== members[10]!.id)!;
  const { call } = await openSpontaneousCall(ports, coordinator, eve.request.id, 'https://hulp.example.be');
  const citizen = aSpontaneousRegistration({ name: 'Sanne Spontaan' });
  ports.smsJobs.jobs.length = 0;
  const { registration } = await registerSpontaneousVolunteer(ports, call.code, citizen);
  await registerSpontaneousVolunteer(
    ports,
    call.code,
    aSpontaneousRegistration({ birthDate: '2009-01-01', parentalConsent: true }),
  );
  for (const job of ports.smsJobs.jobs) await dispatchSms(ports, job);
  const code = (await ports.alerts.listForRequest(eve.request.id)).find(
    (a) => a.volunteerId === registration.id,
  )!.code;
  await handleInboundSms(ports, inbound(citizen.phone, `JA ${code}`), clock.now().toISOString());
  clock.set('2025-12-31T22:55:00.000Z');
  await checkIn(ports, coordinator, eve.request.id, registration.id);
  await checkIn(ports, coordinator, eve.request.id, deployed);
  clock.set('2025-12-31T23:55:00.000Z');
  await checkOut(ports, coordinator, eve.request.id, registration.id);
  await checkOut(ports, coordinator, eve.request.id, deployed);
  clock.set('2026-01-01T09:00:00.000Z');
  await closeHelpRequest(ports, coordinator, eve.request.id);

  clock.set('2026-01-02T08:00:00.000Z');
  report2025 = await reportOf(2025);
  before = rendered(report2025);

  // After the year: the spontaneous volunteers are purged; three members are erased, among them one with courses
  // and one deployed over New Year.
  clock.set('2026-01-20T08:00:00.000Z');
  await purgeAdHocData(ports, eve.request.id);
  clock.set('2026-02-01T08:00:00.000Z');
  for (const id of [members[0]!.id, members[10]!.id, deployed]) {
    await eraseVolunteer(ports, coordinator, id);
  }
});

describe('the yearly report on DynamoDB Local', () => {
  it('gives the seeded year its known figures', () => {
    const gent = report2025.municipalities.find((m) => m.nis === GENT)!;
    expect(gent.corps).toEqual({
      members: 11,
      operationalCorps: 1,
      fundedMembers: 11,
      ownCostMembers: 0,
      joined: 11,
      left: 0,
    });
    expect(gent.trainings).toEqual({
      basicFunded: 2,
      basicNotFundedPriorCertificate: 1,
      basicNotFundedRepeat: 0,
      refreshers: 2,
      refreshersFunded: 1,
      simulations: 1,
      simulationsFunded: 1,
      trainedInLegislature: 3,
    });
    // 4 and 20 minutes: the New Year's Eve request counts in 2025, where it was launched.
    expect(gent.helpRequests).toEqual({ total: 2, api: 0, phone: 2, medianMinutesToFirstAcceptance: 12 });
    // June's two deployments; those ending on New Year's night count in January 2026, their first minutes in 2025.
    expect(gent.deployments).toEqual({
      count: 2,
      volunteerMinutes: 2 * 90 + 2 * 5,
      volunteerHours: 3.2,
      byMonth: [0, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0],
    });
    expect(gent.spontaneous).toEqual({ registered: 2, minors: 1, deployments: 0, volunteerHours: 0.1 });
    expect(gent.subsidy).toEqual({ basicEur: 240, refresherEur: 30, simulationEur: 30, variableEur: 300 });
    expect(report2025.flanders.corps.members).toBe(11);
    expect(report2025.provinces.map((p) => p.province)).toEqual(['Oost-Vlaanderen']);
  });

  it('gives the same report, byte for byte, after the spontaneous volunteers are purged and members erased', async () => {
    expect(rendered(await reportOf(2025))).toEqual(before);
  });

  it('counts the erasures and the rest of the New Year deployments in the year they happened', async () => {
    const gent = (await reportOf(2026)).municipalities.find((m) => m.nis === GENT)!;
    expect(gent.corps).toMatchObject({ members: 8, joined: 0, left: 3, fundedMembers: 8 });
    expect(gent.deployments).toMatchObject({ count: 2, volunteerMinutes: 2 * 55 });
    expect(gent.spontaneous).toMatchObject({ registered: 0, deployments: 1 });
  });

  it('takes back the count of a launch whose lifecycle could not start', async () => {
    clock.set('2026-03-01T10:00:00.000Z');
    const failing = {
      ...ports,
      workflow: { start: () => Promise.reject(new Error('no state machine')), resume: async () => {} },
    };
    await expect(
      launchHelpRequest(failing, coordinator, aCreateHelpRequestBody({ channel: 'phone' })),
    ).rejects.toThrow('no state machine');

    const gent = (await reportOf(2026)).municipalities.find((m) => m.nis === GENT)!;
    expect(gent.helpRequests).toMatchObject({ total: 0, phone: 0 });
  });

  it('keeps nothing personal in the counters: no id, name or phone number', async () => {
    const counters = (
      await Promise.all([tables.Registry!, tables.Operations!].map((table) => scanTable(table)))
    )
      .flat()
      .filter((item) => item.pk === 'COUNTERS');
    expect(counters.length).toBeGreaterThan(0);
    for (const { pk: _pk, sk, ...counted } of counters) {
      expect(sk).toMatch(/^\d{4}#\d{5}#\d{2}$/);
      for (const value of Object.values(counted)) expect(typeof value).toBe('number');
    }
  });

  it('refuses the report of a year that has not begun, and anyone but the coordination', async () => {
    await expect(reportOf(2027)).rejects.toBeInstanceOf(RuleViolation);
    await expect(
      annualReport(ports, anIdentity(['municipal-admin'], GENT), 2025, { config: CONFIG }),
    ).rejects.toThrow('only a coordinator or the crisis centre');
  });
});
