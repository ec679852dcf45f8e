import { beforeAll, describe, expect, it } from 'vitest';
import { pseudonymOf } from '../../../shared/domain/erasure-ledger';
import type { Volunteer } from '../../../shared/schemas/volunteer';
import { closeHelpRequest } from '../../../shared/services/help-requests';
import { eraseVolunteer, putMunicipality, registerVolunteer } from '../../../shared/services/registry';
import {
  openSpontaneousCall,
  purgeAdHocData,
  registerSpontaneousVolunteer,
} from '../../../shared/services/spontaneous';
import { aHelpRequest } from '../../builders/help-request-record';
import { anIdentity } from '../../builders/identity';
import { aRegistration } from '../../builders/registration';
import { aSpontaneousRegistration } from '../../builders/spontaneous';
import { createTestTables } from '../../support/tables';
import { scanTable, type TestPorts, testPorts } from '../ports';

const coordinator = anIdentity(['coordinator'], undefined, 'coordinator-1');
const SALT = process.env.ERASURE_LEDGER_SALT!;
const NAME = 'Mieke Ledgertest-Uniek';
const PHONE_E164 = '+32471998877';

let ports: TestPorts;
let tables: Record<string, string>;
beforeAll(async () => {
  ({ tables } = await createTestTables());
  ports = testPorts();
  await putMunicipality(ports, coordinator, '11002', { neighbours: [] });
});

const ledger = () => scanTable(tables.ErasureLedger!);

describe('the erasure ledger, with DynamoDB Local', () => {
  let erased: Volunteer;
  beforeAll(async () => {
    erased = await registerVolunteer(
      ports,
      coordinator,
      '11002',
      aRegistration({ name: NAME, phone: '0471 99 88 77', email: 'mieke.ledger@example.be' }),
    );
    ports.clock.set('2026-03-17T14:23:45.678Z');
    await eraseVolunteer(ports, coordinator, erased.id);
  });

  it('records an erased member by the salted hash of their id, with the month only', async () => {
    expect(await ledger()).toContainEqual({
      pk: `ERASED#${pseudonymOf(SALT, erased.id)}`,
      kind: 'volunteer-erased',
      pseudonym: pseudonymOf(SALT, erased.id),
      at: '2026-03',
    });
  });

  it('keeps neither the id, the name, the phone number, the e-mail nor the birth date of the erased member', async () => {
    const text = JSON.stringify(await ledger());

    expect(text).toContain('ERASED#');
    for (const personal of [
      erased.id,
      NAME,
      'Ledgertest',
      PHONE_E164,
      '471998877',
      'mieke.ledger@example.be',
      erased.birthDate,
    ])
      expect(text).not.toContain(personal);
  });

  it('records the erasure before deleting anything, so an erasure that fails half-way is still in the ledger', async () => {
    const member = await registerVolunteer(ports, coordinator, '11002', aRegistration({ name: 'Half Way' }));
    const failing: TestPorts = Object.create(ports);
    failing.volunteers = Object.create(ports.volunteers);
    failing.volunteers.erase = async () => {
      throw new Error('ProvisionedThroughputExceededException');
    };

    await expect(eraseVolunteer(failing, coordinator, member.id)).rejects.toThrow('ProvisionedThroughput');

    expect((await ledger()).map((item) => item.pk)).toContain(`ERASED#${pseudonymOf(SALT, member.id)}`);
    expect(await ports.volunteers.get(member.id)).toBeDefined();
  });

  it('keeps the first entry when the same member is erased again after a failed attempt', async () => {
    const member = await registerVolunteer(
      ports,
      coordinator,
      '11002',
      aRegistration({ name: 'Twice Erased' }),
    );
    ports.clock.set('2026-04-30T23:00:00.000Z');
    await ports.erasureLedger.recordErasure(member.id, ports.clock.now());
    ports.clock.set('2026-05-02T08:00:00.000Z');

    await eraseVolunteer(ports, coordinator, member.id);

    const entries = (await ledger()).filter((item) => item.pseudonym === pseudonymOf(SALT, member.id));
    expect(entries).toEqual([expect.objectContaining({ at: '2026-04' })]);
  });

  it('records the request of a purge by its id, with the day, and nothing of the spontaneous volunteers', async () => {
    const request = aHelpRequest({ spontaneousCallAllowed: true });
    await ports.helpRequests.create(request);
    const { call } = await openSpontaneousCall(ports, coordinator, request.id, 'https://hulp.example.be');
    const citizen = aSpontaneousRegistration({ name: 'Citizen Ledgertest' });
    const { registration } = await registerSpontaneousVolunteer(ports, call.code, citizen);
    await closeHelpRequest(ports, coordinator, request.id);
    ports.clock.set('2026-06-20T09:00:00.000Z');

    await purgeAdHocData(ports, request.id);

    const entries = await ledger();
    expect(entries).toContainEqual({
      pk: `PURGED#${request.id}`,
      kind: 'spontaneous-purged',
      requestId: request.id,
      at: '2026-06-20',
    });
    const text = JSON.stringify(entries);
    for (const personal of [registration.id, citizen.name, citizen.phone])
      expect(text).not.toContain(personal);
  });
});
