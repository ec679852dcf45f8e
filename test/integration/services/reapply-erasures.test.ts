import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { ulid } from 'ulid';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTables } from '../../../local/runtime/dynamodb';
import { synthesizeSystem } from '../../../local/runtime/synth';
import type { Volunteer } from '../../../shared/schemas/volunteer';
import { checkIn, checkOut } from '../../../shared/services/deployments';
import { closeHelpRequest } from '../../../shared/services/help-requests';
import { eraseVolunteer, putMunicipality, registerVolunteer } from '../../../shared/services/registry';
import { handleInboundSms } from '../../../shared/services/sms';
import {
  openSpontaneousCall,
  purgeAdHocData,
  registerSpontaneousVolunteer,
} from '../../../shared/services/spontaneous';
import { putTrainingProvider, recordTraining } from '../../../shared/services/training';
import { registryKeys } from '../../../shared/store/keys/registry-keys';
import { aHelpRequest } from '../../builders/help-request-record';
import { anIdentity } from '../../builders/identity';
import { aRegistration } from '../../builders/registration';
import { aSpontaneousRegistration } from '../../builders/spontaneous';
import { exportTable, importTable } from '../../support/table-export';
import { createTestTables } from '../../support/tables';
import { scanTable, type TestPorts, testPorts } from '../ports';

const coordinator = anIdentity(['coordinator'], undefined, 'coordinator-1');
const NIS = '12025';
const NAME = 'Ilse Hersteltest-Uniek';
const PHONE_E164 = '+32471887766';
const NOTE = 'ik breng Ilse Hersteltest-Uniek haar ladder mee';
/** The tables a point-in-time restore brings back; the erasure ledger is never restored with them. */
const RESTORED = ['Registry', 'Operations', 'AdHoc', 'Audit'] as const;

const run = promisify(execFile);
/** `npm run reapply-erasures -- …args`, as an operator runs it. */
const reapply = (...args: string[]) =>
  run(process.execPath, ['--import', 'tsx', 'local/cli/reapply-erasures.ts', ...args], {
    env: { ...process.env, POWERTOOLS_LOG_LEVEL: 'WARN' },
  });

let ports: TestPorts;
let live: Record<string, string>;
let restored: Record<string, string>;
let endpoint: string;
let erased: Volunteer;
let kept: Volunteer;
let purgedCitizens: { id: string; name: string; phone: string }[];
let keptCitizen: { id: string; phone: string };
let closedRequestId: string;
/** The items that name the erased member after their erasure on the live tables, by table and key. */
let afterErasure: Record<string, string[]>;
let firstRun: { stdout: string; stderr: string };

const byTable = async (names: Record<string, string>) =>
  Object.fromEntries(
    await Promise.all(RESTORED.map(async (name) => [name, await scanTable(names[name]!)] as const)),
  );
const keysNaming = (items: Record<string, unknown>[], text: string) =>
  items
    .filter((item) => JSON.stringify(item).includes(text))
    .map((item) => `${item.pk}|${item.sk}`)
    .sort();

beforeAll(async () => {
  ({ tables: live, endpoint } = await createTestTables());
  ports = testPorts();
  await putMunicipality(ports, coordinator, NIS, { neighbours: [] });
  await putTrainingProvider(ports, coordinator, 'rode-kruis-vlaanderen', {
    name: 'Rode Kruis-Vlaanderen',
    charter: 'red-cross-flanders',
  });
  erased = await registerVolunteer(
    ports,
    coordinator,
    NIS,
    aRegistration({ name: NAME, phone: '0471 88 77 66', email: 'ilse.herstel@example.be' }),
  );
  kept = await registerVolunteer(ports, coordinator, NIS, aRegistration({ name: 'Jef Blijft' }));
  await recordTraining(ports, coordinator, erased.id, {
    kind: 'basic',
    providerId: 'rode-kruis-vlaanderen',
    date: '2026-01-20',
  });

  // A member's request: the erased member answers with a note.
  const memberRequest = aHelpRequest({ municipality: NIS, municipalityName: 'Mechelen', scope: [NIS] });
  await ports.helpRequests.create(memberRequest);
  await ports.alerts.createMany(
    [erased, kept].map((v, i) => ({
      requestId: memberRequest.id,
      volunteerId: v.id,
      municipality: NIS,
      code: String(2000 + i),
      smsStatus: 'sent' as const,
      createdAt: '2026-03-02T09:00:00.000Z',
    })),
  );
  const reply = (from: string, messageBody: string) =>
    handleInboundSms(
      ports,
      { originationNumber: from, messageBody, inboundMessageId: ulid() },
      '2026-03-02T09:05:00.000Z',
    );
  expect(await reply(PHONE_E164, `JA 2000 ${NOTE}`)).toBe('recorded');
  // On site when the backup is taken, checked out before the erasure (which refuses a member on site).
  await checkIn(ports, coordinator, memberRequest.id, erased.id);

  // A spontaneous call that will be purged, and one that stays open.
  const spontaneousCall = async () => {
    const request = aHelpRequest({ spontaneousCallAllowed: true });
    await ports.helpRequests.create(request);
    const { call } = await openSpontaneousCall(ports, coordinator, request.id, 'https://hulp.example.be');
    return { request, call };
  };
  const purgedCall = await spontaneousCall();
  purgedCitizens = [];
  for (const name of ['Citizen Hersteltest-Een', 'Citizen Hersteltest-Twee']) {
    const body = aSpontaneousRegistration({ name });
    const { registration } = await registerSpontaneousVolunteer(ports, purgedCall.call.code, body);
    purgedCitizens.push({ id: registration.id, name, phone: body.phone });
  }
  // Closed before the backup, purged after it: a restore within the aftercare window's end brings back a closed request.
  const closedCall = await spontaneousCall();
  const closedBody = aSpontaneousRegistration({ name: 'Citizen Hersteltest-Drie' });
  const closedRegistration = await registerSpontaneousVolunteer(ports, closedCall.call.code, closedBody);
  purgedCitizens.push({
    id: closedRegistration.registration.id,
    name: 'Citizen Hersteltest-Drie',
    phone: closedBody.phone,
  });
  await closeHelpRequest(ports, coordinator, closedCall.request.id);
  closedRequestId = closedCall.request.id;
  const openCall = await spontaneousCall();
  const keptBody = aSpontaneousRegistration({ name: 'Citizen Blijft' });
  const { registration } = await registerSpontaneousVolunteer(ports, openCall.call.code, keptBody);
  keptCitizen = { id: registration.id, phone: keptBody.phone };

  // The backup: an export of every table a restore brings back, taken before the erasure and the purge.
  const backup = Object.fromEntries(
    await Promise.all(RESTORED.map(async (name) => [name, await exportTable(live[name]!)] as const)),
  );

  ports.clock.set('2026-03-20T10:00:00.000Z');
  await checkOut(ports, coordinator, memberRequest.id, erased.id);
  await eraseVolunteer(ports, coordinator, erased.id);
  await closeHelpRequest(ports, coordinator, purgedCall.request.id);
  await purgeAdHocData(ports, purgedCall.request.id);
  await purgeAdHocData(ports, closedCall.request.id);
  const liveAfter = await byTable(live);
  afterErasure = Object.fromEntries(
    (['Registry', 'Operations', 'AdHoc'] as const).map((name) => [
      name,
      keysNaming(liveAfter[name]!, erased.id),
    ]),
  );

  // The restore: fresh tables (the ledger stays the live one), filled from the export.
  const restoredPrefix = `r${ulid().slice(-8).toLowerCase()}-`;
  restored = await createTables(
    endpoint,
    synthesizeSystem().tables.filter((table) => (RESTORED as readonly string[]).includes(table.name)),
    restoredPrefix,
    { timeToLive: false },
  );
  for (const name of RESTORED) await importTable(backup[name]!, restored[name]!);
  // The restore did bring them back: the checks below can tell.
  const before = JSON.stringify(await byTable(restored));
  for (const back of [PHONE_E164, NAME, purgedCitizens[0]!.phone]) expect(before).toContain(back);

  firstRun = await reapply(
    '--endpoint',
    endpoint,
    '--table-prefix',
    restoredPrefix,
    '--ledger',
    live.ErasureLedger!,
  );
}, 120_000);

describe('npm run reapply-erasures after a point-in-time restore, with DynamoDB Local', () => {
  it('erases the erased member again: no item of any restored table holds their name, phone number or e-mail', async () => {
    const tables = await byTable(restored);

    for (const [table, items] of Object.entries(tables)) {
      for (const item of items) {
        const text = JSON.stringify(item);
        for (const personal of [
          NAME,
          'Hersteltest-Uniek',
          PHONE_E164,
          '471887766',
          'ilse.herstel@example.be',
        ])
          expect(text, `${table} ${item.pk}/${item.sk}`).not.toContain(personal);
      }
    }
    expect(tables.Registry!.filter((item) => item.pk === registryKeys.volunteer(erased.id).pk)).toEqual([]);
    expect(tables.Registry!.filter((item) => item.pk === registryKeys.phone(PHONE_E164).pk)).toEqual([]);
  });

  it("leaves the erased member's id only where their erasure left it (their answer, without the note)", async () => {
    const tables = await byTable(restored);

    // The backup predates their check-out: its timeline entry is not restored, everything else is as after the erasure.
    for (const name of ['Registry', 'Operations', 'AdHoc'] as const)
      expect(keysNaming(tables[name]!, erased.id), name).toEqual(
        afterErasure[name]!.filter((key) => !key.endsWith('#checked-out')),
      );
  });

  it('keeps an anonymous former-member record, so the corps counts one member less', async () => {
    const registry = await scanTable(restored.Registry!);

    expect(
      registry.filter((item) => item.pk === `MUNI#${NIS}` && String(item.sk).startsWith('FORMER#')),
    ).toHaveLength(1);
    expect(registry.find((item) => item.pk === `MUNI#${NIS}` && item.sk === 'CORPS')).toMatchObject({
      members: 1,
    });
  });

  it('purges the purged request again: no item of any restored table carries a purged citizen id or phone number', async () => {
    const text = JSON.stringify(await byTable(restored));

    for (const citizen of purgedCitizens)
      for (const personal of [citizen.id, citizen.name, citizen.phone]) expect(text).not.toContain(personal);
  });

  it('purges a request restored closed as its purge did, receipt and anonymous totals included', async () => {
    const operations = await scanTable(restored.Operations!);

    expect(
      operations.find((item) => item.pk === `REQ#${closedRequestId}` && item.sk === 'PURGE'),
    ).toMatchObject({
      totals: expect.objectContaining({ registered: 1 }),
    });
    expect(
      operations.find((item) => item.pk === `REQ#${closedRequestId}` && item.sk === 'META')
        ?.spontaneousTotals,
    ).toMatchObject({ registered: 1 });
  });

  it('leaves everyone else as the restore brought them back', async () => {
    const tables = await byTable(restored);
    const text = JSON.stringify(tables);

    expect(tables.Registry!.find((item) => item.pk === registryKeys.volunteer(kept.id).pk)).toMatchObject({
      id: kept.id,
      name: 'Jef Blijft',
      phone: kept.phone,
    });
    expect(tables.Registry!.find((item) => item.pk === registryKeys.phone(kept.phone).pk)).toMatchObject({
      volunteerId: kept.id,
    });
    for (const still of [keptCitizen.id, keptCitizen.phone, 'Citizen Blijft']) expect(text).toContain(still);
  });

  it('prints counts and no personal data', () => {
    expect(firstRun.stdout).toContain('erased again: 1 members');
    expect(firstRun.stdout).toContain('purged again: 2 requests, 3 spontaneous registrations');
    const printed = firstRun.stdout + firstRun.stderr;
    for (const personal of [erased.id, NAME, PHONE_E164, ...purgedCitizens.flatMap((c) => [c.id, c.phone])])
      expect(printed).not.toContain(personal);
  });

  it('changes nothing when run again', async () => {
    const before = await byTable(restored);
    const prefix = restored.Registry!.slice(0, -'Registry'.length);

    const again = await reapply(
      '--endpoint',
      endpoint,
      '--table-prefix',
      prefix,
      '--ledger',
      live.ErasureLedger!,
    );

    expect(again.stdout).toContain('erased again: 0 members');
    expect(again.stdout).toContain('purged again: 0 requests, 0 spontaneous registrations');
    const after = await byTable(restored);
    for (const name of ['Registry', 'Operations', 'AdHoc'] as const)
      expect(after[name]).toEqual(before[name]);
  });
});

describe('npm run reapply-erasures on the command line', () => {
  it('prints its flags for --help', async () => {
    const { stdout } = await reapply('--help');

    for (const flag of ['--table-prefix', '--registry', '--ledger', '--endpoint', 'ERASURE_LEDGER_SALT'])
      expect(stdout).toContain(flag);
  });

  it('refuses an unknown flag with the usage line and exit code 2', async () => {
    const failure = await reapply('--tabel-prefix', 'x').catch(
      (error: { code: number; stderr: string }) => error,
    );

    expect(failure).toMatchObject({ code: 2 });
    expect((failure as { stderr: string }).stderr).toContain(
      'usage: ERASURE_LEDGER_SALT=<salt> npm run reapply-erasures',
    );
  });

  it('refuses to run without the salt, which it needs to recognise anyone', async () => {
    const failure = await run(
      process.execPath,
      ['--import', 'tsx', 'local/cli/reapply-erasures.ts', '--table-prefix', 'x-'],
      { env: { ...process.env, ERASURE_LEDGER_SALT: '' } },
    ).catch((error: { code: number; stderr: string }) => error);

    expect(failure).toMatchObject({ code: 2 });
    expect((failure as { stderr: string }).stderr).toContain('error: ERASURE_LEDGER_SALT: not set');
  });
});
