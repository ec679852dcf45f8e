import { beforeAll, describe, expect, it } from 'vitest';
import { Forbidden, NotFound } from '../../../shared/domain/errors';
import type { Identity } from '../../../shared/domain/identity';
import type { HelpRequest } from '../../../shared/schemas/help-request';
import { listHelpRequestsQuerySchema } from '../../../shared/schemas/help-request';
import { listHelpRequests } from '../../../shared/services/help-requests';
import { HelpRequestRepository } from '../../../shared/store/help-request-repository';
import { aHelpRequest } from '../../builders/help-request-record';
import { createTestTables } from '../../support/tables';

const GENT = '44021';
const BRUGGE = '31005';
const HASSELT = '71022';

const coordinator: Identity = { sub: 'coordinator', roles: ['coordinator'] };
const crisisCentre: Identity = { sub: 'crisis-centre', roles: ['crisis-centre'] };
const bruggeAdmin: Identity = { sub: 'brugge-admin', roles: ['municipal-admin'], municipality: BRUGGE };
const volunteer: Identity = { sub: 'volunteer', roles: ['volunteer'], volunteerId: 'v-1' };

describe('listing help requests across municipalities, on DynamoDB Local', () => {
  let requests: HelpRequestRepository;
  const launched: HelpRequest[] = [];
  const ids = (page: { helpRequests: HelpRequest[] }) => page.helpRequests.map((r) => r.id);
  // Newest first: the order every listing answers in.
  const newest = () => [...launched].reverse();

  beforeAll(async () => {
    await createTestTables();
    requests = new HelpRequestRepository();
    // Five requests an hour apart in three municipalities; the second is closed.
    const plan = [GENT, BRUGGE, HASSELT, GENT, BRUGGE];
    for (const [hour, municipality] of plan.entries()) {
      const request = aHelpRequest({ municipality, createdAt: `2026-03-01T1${hour}:00:00.000Z` });
      await requests.create(request);
      launched.push(request);
    }
    await requests.close(launched[1]!.id, 'coordinator', '2026-03-01T20:00:00.000Z');
  });

  const list = (who: Identity, query: Record<string, string>) =>
    listHelpRequests({ helpRequests: requests }, who, listHelpRequestsQuerySchema.parse(query));

  it('lists every municipality newest first for a coordinator, following the cursor page by page', async () => {
    const seen: string[] = [];
    let next: string | undefined;
    let pages = 0;
    do {
      const page = await list(coordinator, { limit: '2', ...(next ? { cursor: next } : {}) });
      expect(page.helpRequests.length).toBeLessThanOrEqual(2);
      seen.push(...ids(page));
      next = page.next;
      pages += 1;
    } while (next && pages < 10);

    expect(seen).toEqual(newest().map((r) => r.id));
    expect(pages).toBe(3);
  });

  it('gives the crisis centre the same listing, the stored records without index keys', async () => {
    const page = await list(crisisCentre, { limit: '10' });

    expect(ids(page)).toEqual(newest().map((r) => r.id));
    expect(page.next).toBeUndefined();
    expect(page.helpRequests[0]).toEqual(launched[4]);
  });

  it('filters by status: open is every status but closed, closed only the closed one', async () => {
    const open = await list(coordinator, { status: 'open' });
    const closed = await list(coordinator, { status: 'closed' });

    expect(ids(open)).toEqual(
      newest()
        .filter((r) => r.id !== launched[1]!.id)
        .map((r) => r.id),
    );
    expect(ids(closed)).toEqual([launched[1]!.id]);
  });

  it("gives a municipal role its own municipality's requests only, with or without ?municipality", async () => {
    const own = newest()
      .filter((r) => r.municipality === BRUGGE)
      .map((r) => r.id);

    expect(ids(await list(bruggeAdmin, {}))).toEqual(own);
    expect(ids(await list(bruggeAdmin, { municipality: BRUGGE }))).toEqual(own);
    await expect(list(bruggeAdmin, { municipality: GENT })).rejects.toBeInstanceOf(NotFound);
  });

  it('refuses the listing of every municipality to a role without a municipality', async () => {
    await expect(list(volunteer, {})).rejects.toBeInstanceOf(Forbidden);
  });

  it("refuses one municipality's cursor on the listing of all, and the other way round", async () => {
    const gent = await requests.list({ municipality: GENT, limit: 1 });
    const all = await requests.list({ limit: 1 });

    await expect(requests.list({ limit: 1, cursor: gent.next! })).rejects.toMatchObject({ path: 'cursor' });
    await expect(requests.list({ municipality: GENT, limit: 1, cursor: all.next! })).rejects.toMatchObject({
      path: 'cursor',
    });
  });
});
