import { beforeAll, describe, expect, it, vi } from 'vitest';
import { closeHelpRequest } from '../../../shared/services/help-requests';
import { RecentLookups } from '../../../shared/services/recent-lookups';
import {
  openSpontaneousCall,
  purgeAdHocData,
  RECENT_CALL_SECONDS,
  type RecentCallLookups,
  registerSpontaneousVolunteer,
} from '../../../shared/services/spontaneous';
import { AdHocRepository } from '../../../shared/store/ad-hoc-repository';
import { AnnualCounterRepository } from '../../../shared/store/annual-counter-repository';
import { operationsKeys } from '../../../shared/store/keys/operations-keys';
import { aHelpRequest } from '../../builders/help-request-record';
import { anIdentity } from '../../builders/identity';
import { aSpontaneousRegistration } from '../../builders/spontaneous';
import { operationsItems, recordingWrites, registrationsOnShards } from '../../support/counter-shards';
import { createTestTables } from '../../support/tables';
import { type TestPorts, testPorts } from '../ports';

const coordinator = anIdentity(['coordinator'], undefined, 'coordinator-1');
/** DynamoDB Local runs transactions one at a time: a surge of hundreds takes a while on a busy machine. */
const SURGE_TIMEOUT_MS = 120_000;

let ports: TestPorts;
beforeAll(async () => {
  await createTestTables();
  ports = testPorts();
});

const openCall = async () => {
  const request = aHelpRequest({ spontaneousCallAllowed: true });
  await ports.helpRequests.create(request);
  const { call } = await openSpontaneousCall(ports, coordinator, request.id, 'https://hulp.example.be');
  return { request, call };
};

/** `count` citizens registering for the call at once, each settled as it ends. */
const surge = (code: string, count: number, cap: number, adHoc = ports.adHoc) =>
  Promise.allSettled(
    Array.from({ length: count }, () =>
      registerSpontaneousVolunteer({ ...ports, adHoc }, code, aSpontaneousRegistration(), cap),
    ),
  );

/** This year's spontaneous registrations in the yearly counters of `nis`, as the report reads them. */
const countedRegistrations = async (nis: string) => {
  const year = ports.clock.now().getUTCFullYear();
  const rows = await new AnnualCounterRepository().rows(year);
  return rows
    .filter((row) => row.year === year && row.nis === nis)
    .reduce((total, row) => total + (row.counters.spontaneousRegistered ?? 0), 0);
};

describe('a surge of spontaneous registrations, with DynamoDB Local', () => {
  it('takes exactly the cap of 160 citizens registering at once, refuses the other 60 as a full call, and counts the cap on the shards', {
    timeout: SURGE_TIMEOUT_MS,
  }, async () => {
    const { call } = await openCall();

    const outcomes = await surge(call.code, 160, 100);

    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(100);
    const refused = outcomes.filter((o) => o.status === 'rejected');
    expect(refused).toHaveLength(60);
    for (const o of refused) expect(o.reason).toMatchObject({ rule: 'spontaneous-call-full' });
    expect(await registrationsOnShards(call.code)).toBe(100);
  });

  it('refuses at once, with no transaction, once the call is marked full', async () => {
    const { call } = await openCall();
    await surge(call.code, 3, 2);
    const { client, writes } = recordingWrites();

    await expect(
      registerSpontaneousVolunteer(
        { ...ports, adHoc: new AdHocRepository(client) },
        call.code,
        aSpontaneousRegistration(),
        2,
      ),
    ).rejects.toMatchObject({ rule: 'spontaneous-call-full' });

    expect(writes.size).toBe(0);
    expect(await registrationsOnShards(call.code)).toBe(2);
  });

  it('spreads 300 registrations at once so that no item takes more than a quarter of the writes, and counts every one', {
    timeout: SURGE_TIMEOUT_MS,
  }, async () => {
    const { request, call } = await openCall();
    const countedBefore = await countedRegistrations(request.municipality);
    const { client, writes } = recordingWrites();

    const outcomes = await surge(call.code, 300, 100_000, new AdHocRepository(client));

    expect(outcomes.filter((o) => o.status === 'rejected')).toEqual([]);
    const [hottest, most] = [...writes].sort((a, b) => b[1] - a[1])[0]!;
    expect(most, hottest).toBeLessThanOrEqual(300 / 4);
    expect((await ports.helpRequests.get(request.id))?.counts.alerted).toBe(300);
    expect(await registrationsOnShards(call.code)).toBe(300);
    expect((await countedRegistrations(request.municipality)) - countedBefore).toBe(300);
  });

  it('deletes the call with its shard items when the purge runs', async () => {
    const { request, call } = await openCall();
    await surge(call.code, 20, 1000);
    const callPartition = operationsKeys.spontaneousCall(call.code).pk;
    const stored = await operationsItems(callPartition);
    expect(stored.length).toBeGreaterThan(1);
    await closeHelpRequest(ports, coordinator, request.id);

    const receipt = await purgeAdHocData(ports, request.id);

    expect(await operationsItems(callPartition)).toEqual([]);
    expect(receipt.deleted.callPointers).toBe(stored.length);
  });

  it('reads the call once per warm function for registrations seconds apart, and still refuses them once the request closed', async () => {
    const { request, call } = await openCall();
    const recent: RecentCallLookups = new RecentLookups(RECENT_CALL_SECONDS * 1000);
    const pointerReads = vi.spyOn(ports.adHoc, 'callForCode');
    const requestReads = vi.spyOn(ports.helpRequests, 'get');
    const register = () =>
      registerSpontaneousVolunteer(ports, call.code, aSpontaneousRegistration(), 1000, recent);

    for (let i = 0; i < 20; i++) await register();

    expect(pointerReads).toHaveBeenCalledTimes(1);
    expect(requestReads).toHaveBeenCalledTimes(1);
    // Closed while the function still trusts its read: the registration's write refuses it all the same.
    await closeHelpRequest(ports, coordinator, request.id);
    await expect(register()).rejects.toThrow('the help request is closed');
    expect(pointerReads).toHaveBeenCalledTimes(1);
    ports.clock.advance(RECENT_CALL_SECONDS * 1000);
    await expect(register()).rejects.toThrow('the help request is closed');
    expect(pointerReads).toHaveBeenCalledTimes(2);
    expect(await registrationsOnShards(call.code)).toBe(20);
    vi.restoreAllMocks();
  });
});
