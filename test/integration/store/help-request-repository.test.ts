import { ulid } from 'ulid';
import { beforeAll, describe, expect, it } from 'vitest';
import { Conflict, NotFound } from '../../../shared/domain/errors';
import { HelpRequestRepository } from '../../../shared/store/help-request-repository';
import { aHelpRequest } from '../../builders/help-request-record';
import { createTestTables } from '../../support/tables';

const CLOSED_AT = '2026-03-01T16:00:00.000Z';

describe('HelpRequestRepository on DynamoDB Local', () => {
  let requests: HelpRequestRepository;
  beforeAll(async () => {
    await createTestTables();
    requests = new HelpRequestRepository();
  });

  const created = async () => {
    const request = aHelpRequest();
    await requests.create(request);
    return request;
  };

  it('returns a created request as it was stored, with a single requested entry on its timeline', async () => {
    const request = await created();

    expect(await requests.get(request.id)).toEqual(request);
    expect(await requests.timeline(request.id)).toEqual([
      { at: request.createdAt, type: 'requested', channel: 'api' },
    ]);
  });

  it('answers undefined and an empty timeline for an unknown request', async () => {
    const id = ulid();
    expect(await requests.get(id)).toBeUndefined();
    expect(await requests.timeline(id)).toEqual([]);
  });

  it('refuses a second create of the same id as a Conflict and adds no second timeline entry', async () => {
    const request = await created();

    await expect(
      requests.create({ ...request, title: 'Andere titel', createdAt: '2026-03-01T10:05:00.000Z' }),
    ).rejects.toBeInstanceOf(Conflict);

    expect(await requests.get(request.id)).toEqual(request);
    expect(await requests.timeline(request.id)).toHaveLength(1);
  });

  it('closes an open request once, recording who closed it, when, and a closed timeline entry', async () => {
    const request = await created();

    expect(await requests.close(request.id, 'coordinator-1', CLOSED_AT)).toEqual({});

    expect(await requests.get(request.id)).toMatchObject({
      status: 'closed',
      closedAt: CLOSED_AT,
      closedBy: 'coordinator-1',
    });
    expect((await requests.timeline(request.id)).map((e) => e.type)).toEqual(['requested', 'closed']);
  });

  it('answers a second close with a Conflict and keeps the first close as it was', async () => {
    const request = await created();
    await requests.close(request.id, 'coordinator-1', CLOSED_AT);

    await expect(
      requests.close(request.id, 'coordinator-2', '2026-03-01T17:00:00.000Z'),
    ).rejects.toBeInstanceOf(Conflict);

    expect(await requests.get(request.id)).toMatchObject({ closedAt: CLOSED_AT, closedBy: 'coordinator-1' });
    expect((await requests.timeline(request.id)).filter((e) => e.type === 'closed')).toHaveLength(1);
  });

  it('answers the close of an unknown request with NotFound and creates nothing', async () => {
    const id = ulid();

    await expect(requests.close(id, 'coordinator-1', CLOSED_AT)).rejects.toBeInstanceOf(NotFound);

    expect(await requests.get(id)).toBeUndefined();
    expect(await requests.timeline(id)).toEqual([]);
  });

  it('parks a close token on an open request and hands it back on close, without exposing it on get', async () => {
    const request = await created();

    expect(await requests.storeCloseToken(request.id, 'task-token-1')).toBe(true);
    expect(await requests.closeToken(request.id)).toBe('task-token-1');
    expect(await requests.get(request.id)).not.toHaveProperty('closeToken');

    expect(await requests.close(request.id, 'coordinator-1', CLOSED_AT)).toEqual({
      closeToken: 'task-token-1',
    });
  });

  it('refuses to park a close token once the request is closed, so the lifecycle resumes at once', async () => {
    const request = await created();
    await requests.close(request.id, 'coordinator-1', CLOSED_AT);

    expect(await requests.storeCloseToken(request.id, 'task-token-late')).toBe(false);
    expect(await requests.closeToken(request.id)).toBeUndefined();
  });

  it('refuses to park a close token on an unknown request and creates nothing', async () => {
    const id = ulid();

    expect(await requests.storeCloseToken(id, 'task-token-1')).toBe(false);
    expect(await requests.get(id)).toBeUndefined();
  });

  it('removes a request together with its timeline', async () => {
    const request = await created();
    const other = await created();

    await requests.remove(request.id);

    expect(await requests.get(request.id)).toBeUndefined();
    expect(await requests.timeline(request.id)).toEqual([]);
    expect(await requests.get(other.id)).toEqual(other);
  });

  it('moves a requested request to mobilising, and a repeated move changes nothing', async () => {
    const request = await created();

    await requests.markMobilising(request.id);
    expect((await requests.get(request.id))?.status).toBe('mobilising');

    await requests.markMobilising(request.id);
    expect(await requests.get(request.id)).toEqual({ ...request, status: 'mobilising' });
  });

  it('does not reopen a closed request when a retried step marks it mobilising', async () => {
    const request = await created();
    await requests.close(request.id, 'coordinator-1', CLOSED_AT);

    await requests.markMobilising(request.id);

    expect((await requests.get(request.id))?.status).toBe('closed');
  });

  it('raises the alerted count, never lowers it, and leaves the other counts alone', async () => {
    const request = await created();

    await requests.raiseAlerted(request.id, 3);
    await requests.raiseAlerted(request.id, 7);
    await requests.raiseAlerted(request.id, 5);

    expect((await requests.get(request.id))?.counts).toEqual({
      ...request.counts,
      alerted: 7,
    });
    expect(request.counts).toMatchObject({ accepted: 0, declined: 0, checkedIn: 0, reserve: 0 });
  });

  it('appends timeline entries in time order after the requested entry', async () => {
    const request = await created();

    await requests.appendTimeline(request.id, {
      at: '2026-03-01T10:00:10.000Z',
      type: 'mobilised',
      alerted: 2,
    });

    expect(await requests.timeline(request.id)).toEqual([
      { at: request.createdAt, type: 'requested', channel: 'api' },
      { at: '2026-03-01T10:00:10.000Z', type: 'mobilised', alerted: 2 },
    ]);
  });
});
