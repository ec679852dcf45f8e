import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { Answer } from '../../../shared/domain/alert';
import type { Identity } from '../../../shared/domain/identity';
import type { HelpRequest } from '../../../shared/schemas/help-request';
import type { Volunteer } from '../../../shared/schemas/volunteer';
import {
  listResponses,
  listTimeline,
  listUnreachable,
  viewHelpRequest,
} from '../../../shared/services/help-requests';
import { AlertRepository } from '../../../shared/store/alert-repository';
import { anAlert, anAlertJob } from '../../builders/alert';
import { aHelpRequest } from '../../builders/help-request-record';
import { anIdentity } from '../../builders/identity';
import { aNewMember } from '../../builders/registration';
import { recordingWrites } from '../../support/counter-shards';
import { createTestTables } from '../../support/tables';
import { TestClock, type TestPorts, testPorts } from '../ports';

const GENT = '44021';
const ANTWERPEN = '11002';
const START = '2026-03-02T10:00:00.000Z';
const coordinator = anIdentity(['coordinator'], undefined, 'coordinator-1');
const crisisCentre = anIdentity(['crisis-centre'], undefined, 'crisis-centre-1');
const requester = anIdentity(['requester'], GENT, 'gent-official');

/** Answers, one second apart: the order the responses list them in (latest first) is known. */
const at = (second: number) => new Date(Date.parse(START) + second * 1000).toISOString();

let ports: TestPorts;
let request: HelpRequest;
let gent: Volunteer[];
let antwerp: Volunteer[];

const register = async (nis: string, count: number) => {
  const members: Volunteer[] = [];
  for (let from = 0; from < count; from += 20) {
    const batch = Array.from({ length: Math.min(20, count - from) }, (_, i) =>
      aNewMember({ municipality: nis, name: `Lid ${nis} ${from + i}` }),
    );
    members.push(...(await ports.volunteers.registerMembers(nis, batch, coordinator)));
  }
  return members;
};

/** Marks a volunteer's alert failed for good, as the dispatcher does when the provider refuses it. */
const unreachable = async (volunteer: Volunteer) => {
  const job = anAlertJob({ requestId: request.id, volunteerId: volunteer.id }, volunteer.phone);
  await ports.smsLedger.claimForSending(job, START, START);
  await ports.smsLedger.refuse(job, START, 'Phone is switched off');
};

const answer = async (volunteer: Volunteer, reply: Answer, second: number) => {
  const alert = await ports.alerts.get(request.id, volunteer.id);
  return ports.alerts.recordAnswer(
    alert!,
    reply,
    at(second),
    undefined,
    reply === 'accepted' ? 'logistics' : undefined,
  );
};

/** Every page of a list, following its cursor. */
const allPages = async <T>(first: (cursor?: string) => Promise<{ items: T[]; cursor?: string }>) => {
  const items: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await first(cursor);
    items.push(...page.items);
    cursor = page.cursor;
  } while (cursor);
  return items;
};

/**
 * A Gent request widened to Antwerpen with 130 alerts: 70 answers (2 accepted, 8 in reserve, 60 declined), 8
 * volunteers unreachable (5 of Gent, 3 of Antwerpen), and a timeline of more than a page.
 */
beforeAll(async () => {
  await createTestTables();
  ports = testPorts(new TestClock(START));
  gent = await register(GENT, 120);
  antwerp = await register(ANTWERPEN, 10);
  request = aHelpRequest({
    municipality: GENT,
    scope: [GENT, ANTWERPEN],
    needs: [{ task: 'logistics', volunteers: 2, adultsOnly: false }],
  });
  await ports.helpRequests.create(request);
  await ports.alerts.createMany(
    [...gent, ...antwerp].map((v) => anAlert(request.id, v.id, { municipality: v.municipality })),
  );
  await ports.helpRequests.raiseAlerted(request.id, await ports.alerts.countForRequest(request.id));
  for (const [i, volunteer] of gent.slice(0, 70).entries())
    await answer(volunteer, i < 2 ? 'accepted' : i < 10 ? 'reserve' : 'declined', i);
  for (const volunteer of [...gent.slice(100, 105), ...antwerp.slice(0, 3)]) await unreachable(volunteer);
  for (let i = 0; i < 40; i++)
    await ports.helpRequests.appendTimeline(request.id, { at: at(100 + i), type: 'note', text: `${i}` });
});

const view = (who: Identity) => viewHelpRequest(ports, who, request.id);

describe('reading a big request, with DynamoDB Local', () => {
  it('counts from counters: alerted, answers, and the non-responders', async () => {
    const { counts } = await view(coordinator);
    expect(counts).toMatchObject({
      alerted: 130,
      accepted: 2,
      reserve: 8,
      declined: 60,
      released: 0,
      unanswered: 60,
    });
  });

  it('never reads every alert of the request', async () => {
    const list = vi.spyOn(ports.alerts, 'listForRequest');
    const count = vi.spyOn(ports.alerts, 'countForRequest');
    await view(coordinator);
    await view(requester);
    expect(list).not.toHaveBeenCalled();
    expect(count).not.toHaveBeenCalled();
    list.mockRestore();
    count.mockRestore();
  });

  it.each([
    ['coordinator', coordinator],
    ['crisis centre', crisisCentre],
  ])('gives the %s the latest 50 answers and a cursor that lists the other 20, each once', async (_, who) => {
    const seen = await view(who);
    expect(seen.responses).toHaveLength(50);
    expect(seen.responses?.[0]).toMatchObject({ volunteerId: gent[69]!.id, answer: 'declined', at: at(69) });
    expect(seen.responsesNext).toEqual(expect.any(String));
    const rest = await allPages(async (cursor) => {
      const page = await listResponses(ports, who, request.id, {
        limit: 7,
        cursor: cursor ?? seen.responsesNext,
      });
      return { items: page.responses, cursor: page.next };
    });
    const all = [...(seen.responses ?? []), ...rest];
    expect(all.map((r) => r.volunteerId)).toEqual(
      gent
        .slice(0, 70)
        .map((v) => v.id)
        .reverse(),
    );
  });

  it('refuses the answers to a municipal role (403), as the view leaves them out', async () => {
    expect(await view(requester)).not.toHaveProperty('responses');
    await expect(listResponses(ports, requester, request.id, { limit: 10 })).rejects.toMatchObject({
      name: 'Forbidden',
    });
  });

  it('carries the latest 100 timeline entries; the cursor pages back through the rest in order', async () => {
    const everything = await ports.helpRequests.timeline(request.id);
    expect(everything.length).toBeGreaterThan(100);
    const seen = await view(coordinator);
    expect(seen.timeline).toEqual(everything.slice(-100));
    const earlier: typeof everything = [];
    let cursor = seen.timelineEarlier;
    while (cursor) {
      const page = await listTimeline(ports, coordinator, request.id, { limit: 9, cursor });
      earlier.unshift(...page.entries);
      cursor = page.earlier;
    }
    expect([...earlier, ...seen.timeline]).toEqual(everything);
  });

  it("keeps the ids of Antwerp's volunteers out of a Gent requester's timeline pages", async () => {
    const antwerpMember = antwerp[5]!;
    await answer(antwerpMember, 'declined', 200);
    const page = await listTimeline(ports, requester, request.id, { limit: 5 });
    expect(page.entries.at(-1)).toMatchObject({ type: 'alert-declined' });
    expect(JSON.stringify(page)).not.toContain(antwerpMember.id);
    const own = await listTimeline(ports, coordinator, request.id, { limit: 5 });
    expect(JSON.stringify(own)).toContain(antwerpMember.id);
  });

  it('lists the unreachable by corps a page at a time: all with phones for the coordinator', async () => {
    const seen = await view(coordinator);
    expect(seen.unreachable.count).toBe(8);
    const all = await allPages(async (cursor) => {
      const page = await listUnreachable(ports, coordinator, request.id, {
        limit: 3,
        ...(cursor ? { cursor } : {}),
      });
      return { items: page.volunteers, cursor: page.next };
    });
    expect(all).toHaveLength(8);
    expect(all.every((v) => v.phone)).toBe(true);
    expect(new Set(all.map((v) => v.volunteerId)).size).toBe(8);
  });

  it("lists a Gent requester Gent's unreachable only, without phones, and counts Antwerp's", async () => {
    const seen = await view(requester);
    expect(seen.unreachable).toMatchObject({ count: 8, otherMunicipalities: 3 });
    expect(seen.unreachable.volunteers.map((v) => v.volunteerId).sort()).toEqual(
      gent
        .slice(100, 105)
        .map((v) => v.id)
        .sort(),
    );
    const page = await listUnreachable(ports, requester, request.id, { limit: 50 });
    expect(page.volunteers).toHaveLength(5);
    expect(JSON.stringify(page)).not.toMatch(/\+32/);
  });

  it('counts a volunteer told to stand by as released until they answer after all', async () => {
    const volunteer = gent[80]!;
    await ports.smsLedger.recordEnough(request.id, volunteer.id, at(300));
    const before = (await view(coordinator)).counts;
    expect(before).toMatchObject({ released: 1 });
    await answer(volunteer, 'declined', 301);
    const after = (await view(coordinator)).counts;
    expect(after.released).toBe(0);
    expect(after.declined).toBe(before.declined + 1);
    expect(after.unanswered).toBe(before.unanswered);
  });

  it('refuses a cursor it did not hand out (400 on cursor)', async () => {
    await expect(
      listResponses(ports, coordinator, request.id, { limit: 5, cursor: 'bm9wZQ' }),
    ).rejects.toMatchObject({
      name: 'InvalidInput',
    });
  });
});

describe('answers arriving at once, with DynamoDB Local', () => {
  it('counts 200 concurrent answers exactly, none of them on the request item, spread over its shards', async () => {
    const req = aHelpRequest({ municipality: ANTWERPEN, scope: [ANTWERPEN] });
    await ports.helpRequests.create(req);
    const volunteers = await register(ANTWERPEN, 200);
    await ports.alerts.createMany(volunteers.map((v) => anAlert(req.id, v.id, { municipality: ANTWERPEN })));
    const { client, writes } = recordingWrites();
    const alerts = new AlertRepository(client);

    await Promise.all(
      volunteers.map(async (v, i) => {
        const alert = await alerts.get(req.id, v.id);
        return alerts.recordAnswer(alert!, i % 4 === 0 ? 'reserve' : 'declined', at(i), undefined);
      }),
    );

    const { counts } = (await ports.helpRequests.get(req.id))!;
    expect(counts).toMatchObject({ declined: 150, reserve: 50 });
    expect([...writes.keys()].filter((key) => key.endsWith(`|REQ#${req.id}|META`))).toEqual([]);
    const counters = [...writes].filter(([key]) => key.includes('|META#COUNTS#'));
    expect(counters.length).toBeGreaterThan(4);
    expect(Math.max(...counters.map(([, n]) => n))).toBeLessThanOrEqual(50);
  });
});
