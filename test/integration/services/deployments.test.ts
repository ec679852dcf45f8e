import { beforeAll, describe, expect, it } from 'vitest';
import { Conflict } from '../../../shared/domain/errors';
import type { Volunteer } from '../../../shared/schemas/volunteer';
import { checkIn, checkOut } from '../../../shared/services/deployments';
import { mobilise } from '../../../shared/services/lifecycle';
import { anAlert } from '../../builders/alert';
import { aHelpRequest } from '../../builders/help-request-record';
import { anIdentity } from '../../builders/identity';
import { aNewMember } from '../../builders/registration';
import { createTestTables } from '../../support/tables';
import { TestClock, type TestPorts, testPorts } from '../ports';

const coordinator = anIdentity(['coordinator'], undefined, 'coordinator-1');

let ports: TestPorts;
beforeAll(async () => {
  await createTestTables();
  ports = testPorts(new TestClock('2026-03-02T10:00:00.000Z'));
});

/** A help request in `nis` that `volunteers` accepted. */
const acceptedBy = async (volunteers: Volunteer[], nis = '44021') => {
  const request = aHelpRequest({ municipality: nis, scope: [nis] });
  await ports.helpRequests.create(request);
  await ports.alerts.createMany(volunteers.map((v) => anAlert(request.id, v.id, { response: 'accepted' })));
  return request;
};

describe('check-in, with DynamoDB Local', () => {
  it('refuses with 409 to check a member in on a second request while on site for another, writing nothing', async () => {
    const [member] = await ports.volunteers.registerMembers('44021', [aNewMember()], coordinator);
    const first = await acceptedBy([member!]);
    const second = await acceptedBy([member!]);
    await checkIn(ports, coordinator, first.id, member!.id);

    await expect(checkIn(ports, coordinator, second.id, member!.id)).rejects.toBeInstanceOf(Conflict);

    expect(await ports.deployments.get(second.id, member!.id)).toBeUndefined();
    expect((await ports.helpRequests.get(second.id))?.counts.checkedIn).toBe(0);
    expect((await ports.volunteers.get(member!.id))?.onSiteFor).toBe(first.id);
  });

  it('checks the member in on the second request once checked out of the first', async () => {
    const [member] = await ports.volunteers.registerMembers('44021', [aNewMember()], coordinator);
    const first = await acceptedBy([member!]);
    const second = await acceptedBy([member!]);
    await checkIn(ports, coordinator, first.id, member!.id);
    await checkOut(ports, coordinator, first.id, member!.id);

    expect(await checkIn(ports, coordinator, second.id, member!.id)).toMatchObject({
      onSiteSince: expect.any(String),
    });
    expect((await ports.volunteers.get(member!.id))?.onSiteFor).toBe(second.id);
  });
});

describe('fairness of the mobilisation order, with DynamoDB Local', () => {
  it('alternates two otherwise equal members over successive requests: the one deployed less recently goes first', async () => {
    // Same skills, same home, so only the recent deployments (and then seniority) tell them apart.
    const members = await ports.volunteers.registerMembers(
      '11002',
      [
        aNewMember({ municipality: '11002', homePostcode: '2000', registeredAt: '2025-01-01T08:00:00.000Z' }),
        aNewMember({ municipality: '11002', homePostcode: '2000', registeredAt: '2025-02-01T08:00:00.000Z' }),
      ],
      coordinator,
    );
    const firstAlerted: string[] = [];
    for (let round = 0; round < 4; round++) {
      const request = aHelpRequest({
        municipality: '11002',
        scope: ['11002'],
        location: { postcode: '2000' },
      });
      await ports.helpRequests.create(request);
      const queuedBefore = ports.smsJobs.jobs.length;
      await mobilise(ports, request.id, 'everyone');
      const first = ports.smsJobs.jobs[queuedBefore];
      if (first?.kind !== 'alert') throw new Error('mobilise queued no alert');
      firstAlerted.push(first.volunteerId);
      // The first one alerted answers, goes on site and comes back.
      const alert = await ports.alerts.get(request.id, first.volunteerId);
      await ports.alerts.recordAnswer(alert!, 'accepted', ports.clock.now().toISOString(), undefined);
      await checkIn(ports, coordinator, request.id, first.volunteerId);
      ports.clock.advance(3600_000);
      await checkOut(ports, coordinator, request.id, first.volunteerId);
      ports.clock.advance(24 * 3600_000);
    }

    const [oldest, newest] = members.map((m) => m.id);
    expect(firstAlerted).toEqual([oldest, newest, oldest, newest]);
  });

  it('counts deployments of the last 12 months only', async () => {
    const members = await ports.volunteers.registerMembers(
      '11004',
      [
        aNewMember({ municipality: '11004', homePostcode: '2000', registeredAt: '2025-01-01T08:00:00.000Z' }),
        aNewMember({ municipality: '11004', homePostcode: '2000', registeredAt: '2025-02-01T08:00:00.000Z' }),
      ],
      coordinator,
    );
    const [oldest, newest] = members;
    // The longest-serving member was deployed more than a year ago; the other one never.
    const old = await acceptedBy([oldest!], '11004');
    ports.clock.set('2025-03-01T10:00:00.000Z');
    await checkIn(ports, coordinator, old.id, oldest!.id);
    await checkOut(ports, coordinator, old.id, oldest!.id);
    ports.clock.set('2026-03-05T10:00:00.000Z');

    const request = aHelpRequest({ municipality: '11004', scope: ['11004'], location: { postcode: '2000' } });
    await ports.helpRequests.create(request);
    const queuedBefore = ports.smsJobs.jobs.length;
    await mobilise(ports, request.id, 'everyone');

    const order = ports.smsJobs.jobs
      .slice(queuedBefore)
      .map((job) => (job.kind === 'alert' ? job.volunteerId : ''));
    expect(order).toEqual([oldest!.id, newest!.id]);
  });
});
