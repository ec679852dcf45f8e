import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { Identity } from '../../../shared/domain/identity';
import type { HelpRequest } from '../../../shared/schemas/help-request';
import type { Volunteer } from '../../../shared/schemas/volunteer';
import { checkIn, checkOut } from '../../../shared/services/deployments';
import { viewHelpRequest } from '../../../shared/services/help-requests';
import { eraseVolunteer } from '../../../shared/services/registry';
import { anAlert } from '../../builders/alert';
import { aHelpRequest } from '../../builders/help-request-record';
import { anIdentity } from '../../builders/identity';
import { aNewMember } from '../../builders/registration';
import { createTestTables } from '../../support/tables';
import { TestClock, type TestPorts, testPorts } from '../ports';

const GENT = '44021';
const ANTWERPEN = '11002';
const ARRIVED = '2026-03-02T10:00:00.000Z';
const LEFT = '2026-03-02T10:45:00.000Z';
const FAILED_AT = '2026-03-02T09:58:00.000Z';

const coordinator = anIdentity(['coordinator'], undefined, 'coordinator-1');
const crisisCentre = anIdentity(['crisis-centre'], undefined, 'crisis-centre-1');
const requester = anIdentity(['requester'], GENT, 'gent-official');
const municipalAdmin = anIdentity(['municipal-admin'], GENT, 'gent-admin');

let ports: TestPorts;
let request: HelpRequest;
/** Gent's members: An and Bo said yes, Cas could not be reached; Antwerp's: Dirk said yes, Eva could not be reached. */
let an: Volunteer;
let bo: Volunteer;
let cas: Volunteer;
let dirk: Volunteer;
let eva: Volunteer;

const member = (nis: string, name: string) => aNewMember({ municipality: nis, name });
const unreachableAlert = (volunteer: Volunteer) =>
  anAlert(request.id, volunteer.id, {
    municipality: volunteer.municipality,
    smsStatus: 'failed',
    attempts: 2,
    failedAt: FAILED_AT,
    failureReason: 'Phone is switched off',
  });
const acceptedAlert = (volunteer: Volunteer) =>
  anAlert(request.id, volunteer.id, {
    municipality: volunteer.municipality,
    smsStatus: 'delivered',
    response: 'accepted',
    task: 'logistics',
    respondedAt: '2026-03-02T09:55:00.000Z',
  });

const view = (who: Identity) => viewHelpRequest(ports, who, request.id);
const responderOf = async (who: Identity, volunteer: Volunteer) =>
  (await view(who)).responses?.find((r) => r.volunteerId === volunteer.id);

/**
 * A Gent request widened to Antwerpen. At 10:00 An and Bo arrive on site; at 10:45 Bo leaves; Dirk never comes.
 */
beforeAll(async () => {
  await createTestTables();
  ports = testPorts(new TestClock(ARRIVED));
  [an, bo, cas] = (await ports.volunteers.registerMembers(
    GENT,
    [member(GENT, 'An Gentenaar'), member(GENT, 'Bo Gentenaar'), member(GENT, 'Cas Gentenaar')],
    coordinator,
  )) as [Volunteer, Volunteer, Volunteer];
  [dirk, eva] = (await ports.volunteers.registerMembers(
    ANTWERPEN,
    [member(ANTWERPEN, 'Dirk Antwerpenaar'), member(ANTWERPEN, 'Eva Antwerpenaar')],
    coordinator,
  )) as [Volunteer, Volunteer];
  request = aHelpRequest({ municipality: GENT, scope: [GENT, ANTWERPEN] });
  await ports.helpRequests.create(request);
  await ports.alerts.createMany([
    acceptedAlert(an),
    acceptedAlert(bo),
    acceptedAlert(dirk),
    unreachableAlert(cas),
    unreachableAlert(eva),
  ]);
  await checkIn(ports, coordinator, request.id, an.id);
  await checkIn(ports, coordinator, request.id, bo.id);
  ports.clock.set(LEFT);
  await checkOut(ports, coordinator, request.id, bo.id);
});

describe('who is on site, on GET /help-requests/{id}, with DynamoDB Local', () => {
  it.each([
    ['coordinator', coordinator],
    ['crisis centre', crisisCentre],
  ])('shows the %s since when a checked-in volunteer is on site', async (_, who) => {
    expect(await responderOf(who, an)).toMatchObject({ onSiteSince: ARRIVED, minutesOnSite: 0 });
    expect(await responderOf(who, an)).not.toHaveProperty('checkedOutAt');
  });

  it.each([
    ['coordinator', coordinator],
    ['crisis centre', crisisCentre],
  ])('shows the %s when a checked-out volunteer left and the minutes recorded', async (_, who) => {
    expect(await responderOf(who, bo)).toMatchObject({ checkedOutAt: LEFT, minutesOnSite: 45 });
    expect(await responderOf(who, bo)).not.toHaveProperty('onSiteSince');
  });

  it('shows nothing of the kind for a volunteer who said yes and never came', async () => {
    const responder = await responderOf(coordinator, dirk);
    expect(responder).toMatchObject({ answer: 'accepted' });
    for (const field of ['onSiteSince', 'checkedOutAt', 'minutesOnSite'])
      expect(responder).not.toHaveProperty(field);
  });

  it('reads the request’s deployments with one query, whoever many answered', async () => {
    const list = vi.spyOn(ports.deployments, 'listForRequest');
    const get = vi.spyOn(ports.deployments, 'get');
    await view(coordinator);
    expect(list).toHaveBeenCalledTimes(1);
    expect(get).not.toHaveBeenCalled();
    list.mockRestore();
    get.mockRestore();
  });

  it.each([
    ['requester', requester],
    ['municipal-admin', municipalAdmin],
  ])(
    "gives Gent's %s the on-site count, but no names of who answered and nobody of Antwerp",
    async (_, who) => {
      const seen = await view(who);
      expect(seen.counts.checkedIn).toBe(1);
      expect(seen).not.toHaveProperty('responses');
      const text = JSON.stringify(seen);
      for (const name of ['An Gentenaar', 'Bo Gentenaar', 'Dirk Antwerpenaar', 'Eva Antwerpenaar'])
        expect(text).not.toContain(name);
      expect(text).not.toContain(dirk.id);
      expect(text).not.toContain(eva.id);
    },
  );
});

describe('phones of the volunteers the SMS could not reach, with DynamoDB Local', () => {
  it('gives the coordinator the phone of every unreachable volunteer, to call them', async () => {
    expect((await view(coordinator)).unreachable.volunteers).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ volunteerId: cas.id, name: 'Cas Gentenaar', phone: cas.phone }),
        expect.objectContaining({ volunteerId: eva.id, name: 'Eva Antwerpenaar', phone: eva.phone }),
      ]),
    );
  });

  it.each([
    ['crisis centre', crisisCentre],
    ['requester', requester],
    ['municipal-admin', municipalAdmin],
  ])('gives the %s no phone number at all', async (_, who) => {
    const seen = await view(who);
    expect(seen.unreachable.count).toBe(2);
    const text = JSON.stringify(seen);
    for (const volunteer of [an, bo, cas, dirk, eva]) expect(text).not.toContain(volunteer.phone);
  });

  it('gives the coordinator neither name nor phone of an unreachable member erased since', async () => {
    const [fien] = await ports.volunteers.registerMembers(
      GENT,
      [member(GENT, 'Fien Gentenaar')],
      coordinator,
    );
    await ports.alerts.createMany([unreachableAlert(fien!)]);
    await eraseVolunteer(ports, coordinator, fien!.id);

    const listed = (await view(coordinator)).unreachable.volunteers.find((v) => v.volunteerId === fien!.id);
    expect(listed).toEqual({
      volunteerId: fien!.id,
      municipality: GENT,
      failedAt: FAILED_AT,
      reason: 'Phone is switched off',
    });
  });

  it('gives the coordinator neither name nor phone of a spontaneous volunteer whose registration is purged', async () => {
    const gone = '01JZ00000000000000000PURGED';
    await ports.alerts.createMany([{ ...unreachableAlert(an), volunteerId: gone, spontaneous: true }]);

    const listed = (await view(coordinator)).unreachable.volunteers.find((v) => v.volunteerId === gone);
    expect(listed).toEqual({
      volunteerId: gone,
      municipality: GENT,
      failedAt: FAILED_AT,
      reason: expect.any(String),
    });
  });
});
