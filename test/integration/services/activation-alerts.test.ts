import { ulid } from 'ulid';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { replyCodeFor } from '../../../shared/domain/reply-code';
import { allMunicipalities } from '../../../shared/reference/municipalities';
import type { Activation } from '../../../shared/schemas/activation';
import type { HelpRequest } from '../../../shared/schemas/help-request';
import type { Volunteer } from '../../../shared/schemas/volunteer';
import { finishActivation, mobiliseMunicipality } from '../../../shared/services/activations';
import { mobilise } from '../../../shared/services/lifecycle';
import { documentClient, transactLanded } from '../../../shared/store/dynamo-client';
import { tableNames } from '../../../shared/store/tables';
import { anAlert } from '../../builders/alert';
import { aHelpRequest } from '../../builders/help-request-record';
import { anIdentity } from '../../builders/identity';
import { aMobilePhone } from '../../builders/phone';
import { aVolunteer } from '../../builders/volunteer';
import { createTestTables } from '../../support/tables';
import { type TestPorts, testPorts } from '../ports';

/**
 * How an activation writes a corps' alerts on DynamoDB Local: each corps' step is the only writer of its members'
 * alerts for the request, so it writes them in batches (reading which exist only when it runs again), counts them
 * on the request with the corps, and learns the reply codes its members hold elsewhere from the requests still
 * open, not from every member's alerts one by one.
 */
let ports: TestPorts;
const nisCodes = allMunicipalities().slice(120);
let nextNis = 0;
const COORDINATOR = anIdentity(['coordinator'], undefined, 'coordinator-1');

beforeAll(async () => {
  await createTestTables();
  ports = testPorts();
});
afterEach(() => {
  vi.restoreAllMocks();
});

/** A corps of the test's own with `count` members, registered 30 at a time (as groups join). */
const corps = async (count: number) => {
  const nis = nisCodes[nextNis++]!;
  const members: Volunteer[] = [];
  for (let i = 0; i < count; i += 30) {
    members.push(
      ...(await ports.volunteers.registerMembers(
        nis,
        Array.from({ length: Math.min(30, count - i) }, () =>
          aVolunteer({ municipality: nis, phone: aMobilePhone(), id: ulid() }),
        ),
        COORDINATOR,
      )),
    );
  }
  return { nis, members };
};

/** A request of `home` with `added` activated by hand, as `activate` records them. */
const activated = async (home: string, added: string[], overrides: Partial<HelpRequest> = {}) => {
  const request = aHelpRequest({ municipality: home, scope: [home, ...added], ...overrides });
  await ports.helpRequests.create(request);
  const activation: Activation = {
    id: ulid(),
    requestId: request.id,
    scope: 'municipalities',
    municipalities: added,
    alerted: 0,
    startedAt: ports.clock.now().toISOString(),
  };
  await transactLanded(documentClient(), [ports.activations.recordItem(activation)]);
  return { request, activation };
};

/** The DynamoDB operations the repositories send: command name, and the table's index for queries. */
const recordOperations = () => {
  const sent: string[] = [];
  const db = documentClient();
  const send = db.send.bind(db);
  vi.spyOn(db, 'send').mockImplementation(((command: {
    constructor: { name: string };
    input: { TableName?: string; IndexName?: string };
  }) => {
    const { TableName, IndexName } = command.input;
    sent.push(`${command.constructor.name}${IndexName ? ` ${TableName}.${IndexName}` : ''}`);
    return send(command as never);
  }) as never);
  return (name: string) => sent.filter((s) => s === name).length;
};

describe("an activation's corps", () => {
  it('writes its alerts in batches and reads no member’s alerts one by one', async () => {
    const home = await corps(1);
    const { nis, members } = await corps(120);
    const { request, activation } = await activated(home.nis, [nis]);
    const count = recordOperations();

    const outcome = await mobiliseMunicipality(ports, {
      requestId: request.id,
      activationId: activation.id,
      municipality: nis,
    });

    expect(outcome).toEqual({ municipality: nis, alerted: 120 });
    expect(count(`QueryCommand ${tableNames.operations()}.gsi1`)).toBe(0);
    // A first run knows that none of its members' alerts exists: only it writes them.
    expect(count('BatchGetCommand')).toBe(0);
    // The request item alone (a GetItem), not the request with its 16 counter shards (a query).
    expect(count('QueryCommand')).toBe(0);
    // One transaction: the corps counted in on the activation and on the request's counters.
    expect(count('TransactWriteCommand')).toBe(1);
    // 120 alerts in batches of 25: five calls, not one per alert.
    expect(count('BatchWriteCommand')).toBe(5);
    const alerts = await ports.alerts.forVolunteers(
      request.id,
      members.map((m) => m.id),
    );
    expect(alerts).toHaveLength(120);
    expect(new Set(ports.smsJobs.jobs.filter((j) => j.requestId === request.id).map((j) => j.to))).toEqual(
      new Set(members.map((m) => m.phone)),
    );
  });

  it('keeps the alerts on record when run again, answers included, and queues only the SMS not sent yet', async () => {
    const home = await corps(1);
    const { nis, members } = await corps(30);
    const { request, activation } = await activated(home.nis, [nis]);
    const input = { requestId: request.id, activationId: activation.id, municipality: nis };
    await mobiliseMunicipality(ports, input);
    const answered = (await ports.alerts.get(request.id, members[0]!.id))!;
    expect(
      await ports.alerts.recordAnswer(answered, 'accepted', ports.clock.now().toISOString(), 'kom'),
    ).toBe('recorded');

    await mobiliseMunicipality(ports, input);

    const again = await ports.alerts.forVolunteers(
      request.id,
      members.map((m) => m.id),
    );
    expect(again).toHaveLength(30);
    expect(again.find((a) => a.volunteerId === answered.volunteerId)).toMatchObject({
      response: 'accepted',
      note: 'kom',
      code: answered.code,
    });
  });

  it('gives no member a code one of their alerts of another open request holds, and ignores closed ones', async () => {
    const home = await corps(1);
    const { nis, members } = await corps(3);
    const [open, closed] = [
      aHelpRequest({ municipality: nis, scope: [nis] }),
      aHelpRequest({ municipality: nis, scope: [nis] }),
    ];
    await ports.helpRequests.create(open);
    await ports.helpRequests.create(closed);
    await ports.helpRequests.close(closed.id, 'coordinator-1', ports.clock.now().toISOString());
    const { request, activation } = await activated(home.nis, [nis]);
    const [first, second] = members;
    // The code each would get first is held: by an open request for the first, a closed one for the second.
    await ports.alerts.createMany([
      anAlert(open.id, first!.id, { municipality: nis, code: replyCodeFor(request.id, first!.id) }),
      anAlert(closed.id, second!.id, { municipality: nis, code: replyCodeFor(request.id, second!.id) }),
    ]);

    await mobiliseMunicipality(ports, {
      requestId: request.id,
      activationId: activation.id,
      municipality: nis,
    });

    expect((await ports.alerts.get(request.id, first!.id))?.code).toBe(
      replyCodeFor(request.id, first!.id, 1),
    );
    expect((await ports.alerts.get(request.id, second!.id))?.code).toBe(replyCodeFor(request.id, second!.id));
  });

  it('is left to its activation by the lifecycle: a wave alerts the corps it widened to, never an activated one', async () => {
    const home = await corps(2);
    const neighbour = await corps(2);
    const far = await corps(2);
    const { request } = await activated(home.nis, [far.nis]);
    await ports.helpRequests.widenScope(
      (await ports.helpRequests.get(request.id))!,
      [neighbour.nis],
      ports.clock.now().toISOString(),
      'neighbours',
    );

    await mobilise(ports, request.id, 'everyone');

    const alerted = (await ports.alerts.listForRequest(request.id)).map((a) => a.volunteerId);
    expect(new Set(alerted)).toEqual(new Set([...home.members, ...neighbour.members].map((m) => m.id)));
  });

  it('is the lifecycle’s again once its activation finished without it: the next wave reaches a failed corps', async () => {
    const home = await corps(2);
    const done = await corps(2);
    const failed = await corps(2);
    const { request, activation } = await activated(home.nis, [done.nis, failed.nis]);
    await ports.activations.finish(request.id, activation.id, [failed.nis], ports.clock.now().toISOString());

    await mobilise(ports, request.id, 'everyone');

    const alerted = (await ports.alerts.listForRequest(request.id)).map((a) => a.volunteerId);
    expect(new Set(alerted)).toEqual(new Set([...home.members, ...failed.members].map((m) => m.id)));
  });

  it('counts each corps on the request as it is counted in, so the finish counts no alert and nothing twice', async () => {
    const home = await corps(2);
    const first = await corps(3);
    const second = await corps(4);
    const { request, activation } = await activated(home.nis, [first.nis, second.nis]);
    await mobilise(ports, request.id, 'everyone');
    const counted = vi.spyOn(ports.alerts, 'countForRequest');

    for (const nis of [first.nis, second.nis])
      await mobiliseMunicipality(ports, {
        requestId: request.id,
        activationId: activation.id,
        municipality: nis,
      });
    expect((await ports.helpRequests.get(request.id))?.counts.alerted).toBe(2 + 3 + 4);
    await finishActivation(ports, {
      requestId: request.id,
      activationId: activation.id,
      outcomes: [
        { municipality: first.nis, alerted: 3 },
        { municipality: second.nis, alerted: 4 },
      ],
    });

    expect(counted).not.toHaveBeenCalled();
    // The lifecycle's next count leaves the activation's alerts to the activation.
    await mobilise(ports, request.id, 'everyone');
    expect((await ports.helpRequests.get(request.id))?.counts.alerted).toBe(9);
  });

  it('counts, at the finish, the alerts a failed corps wrote before it failed', async () => {
    const home = await corps(1);
    const failing = await corps(5);
    const { request, activation } = await activated(home.nis, [failing.nis]);
    await mobilise(ports, request.id, 'everyone');
    // Its step wrote every alert and then failed for good, before counting the corps in.
    vi.spyOn(ports.activations, 'countMunicipality').mockRejectedValue(new Error('throttled'));
    await expect(
      mobiliseMunicipality(ports, {
        requestId: request.id,
        activationId: activation.id,
        municipality: failing.nis,
      }),
    ).rejects.toThrow('throttled');
    vi.restoreAllMocks();

    const outcome = { municipality: failing.nis, failed: true as const };
    await finishActivation(ports, {
      requestId: request.id,
      activationId: activation.id,
      outcomes: [outcome],
    });
    await finishActivation(ports, {
      requestId: request.id,
      activationId: activation.id,
      outcomes: [outcome],
    });

    expect((await ports.helpRequests.get(request.id))?.counts.alerted).toBe(1 + 5);
  });
});
