import { beforeAll, describe, expect, it } from 'vitest';
import { NotFound } from '../../../shared/domain/errors';
import { mobilise } from '../../../shared/services/lifecycle';
import {
  listVolunteers,
  putMunicipality,
  registerVolunteer,
  updateVolunteer,
} from '../../../shared/services/registry';
import { aHelpRequest } from '../../builders/help-request-record';
import { anIdentity } from '../../builders/identity';
import { aRegistration } from '../../builders/registration';
import { createTestTables } from '../../support/tables';
import { TestClock, type TestPorts, testPorts } from '../ports';

const AALST = '41002';
const coordinator = anIdentity(['coordinator'], undefined, 'coordinator-1');
const admin = anIdentity(['municipal-admin'], AALST, 'aalst-admin');
const otherAdmin = anIdentity(['municipal-admin'], '44021', 'gent-admin');

let ports: TestPorts;
beforeAll(async () => {
  await createTestTables();
  ports = testPorts(new TestClock('2026-03-02T10:00:00.000Z'));
  await putMunicipality(ports, coordinator, AALST, { neighbours: [] });
});

/** A member of Aalst who texted STOP. */
const optedOutMember = async () => {
  const member = await registerVolunteer(ports, admin, AALST, aRegistration());
  await ports.volunteers.optOut(member.id, '2026-03-02T09:00:00.000Z');
  return member;
};

/** Who a new request in Aalst alerts. */
const alertedByANewRequest = async (): Promise<string[]> => {
  const request = aHelpRequest({ municipality: AALST, scope: [AALST] });
  await ports.helpRequests.create(request);
  await mobilise(ports, request.id, 'everyone');
  return (await ports.alerts.listForRequest(request.id)).map((a) => a.volunteerId);
};

describe('opting out and back in through PATCH /volunteers/{id}, with DynamoDB Local', () => {
  it('lists a member who sent STOP as opted out on the roster their municipal-admin reads', async () => {
    const member = await optedOutMember();

    expect((await listVolunteers(ports, admin, AALST)).find((v) => v.id === member.id)).toMatchObject({
      status: 'opted-out',
      optedOutAt: '2026-03-02T09:00:00.000Z',
    });
  });

  it('lets the municipal-admin re-activate a member who opted out, who is alerted again only from then on', async () => {
    const member = await optedOutMember();
    expect(await alertedByANewRequest()).not.toContain(member.id);

    const updated = await updateVolunteer(ports, admin, member.id, { status: 'active' });

    expect(updated).toMatchObject({ status: 'active', updatedAt: '2026-03-02T10:00:00.000Z' });
    expect(updated).not.toHaveProperty('optedOutAt');
    expect(await alertedByANewRequest()).toContain(member.id);
  });

  it('lets the volunteer opt out and back in themself, with other changes in the same request', async () => {
    const member = await registerVolunteer(ports, admin, AALST, aRegistration());
    const self = { ...anIdentity(['volunteer'], undefined, 'volunteer-sub'), volunteerId: member.id };

    expect(
      await updateVolunteer(ports, self, member.id, { status: 'opted-out', language: 'fr' }),
    ).toMatchObject({
      status: 'opted-out',
      optedOutAt: '2026-03-02T10:00:00.000Z',
      language: 'fr',
    });
    expect(await alertedByANewRequest()).not.toContain(member.id);
    expect((await updateVolunteer(ports, self, member.id, { status: 'active' })).status).toBe('active');
  });

  it('refuses another municipality’s admin as if the member did not exist, changing nothing', async () => {
    const member = await optedOutMember();

    await expect(updateVolunteer(ports, otherAdmin, member.id, { status: 'active' })).rejects.toBeInstanceOf(
      NotFound,
    );
    expect((await ports.volunteers.get(member.id))?.status).toBe('opted-out');
  });
});
