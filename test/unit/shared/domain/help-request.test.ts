import { describe, expect, it } from 'vitest';
import {
  assignTask,
  decideAfterResponses,
  emptyCounts,
  newHelpRequest,
  selectCandidates,
} from '../../../../shared/domain/help-request';
import { helpRequestSchema } from '../../../../shared/schemas/help-request';
import { aCreateHelpRequestBody } from '../../../builders/help-request';
import { testId } from '../../../builders/ids';
import { aVolunteer } from '../../../builders/volunteer';

const NOW = '2025-09-01T10:00:00.000Z';

describe('newHelpRequest', () => {
  const body = aCreateHelpRequestBody({ description: 'Kelders lopen onder', channel: 'api' });
  const request = newHelpRequest({
    id: testId(42),
    body,
    municipalityName: 'Gent',
    requestedBy: 'requester-sub',
    now: NOW,
  });

  it('starts as requested, scoped to the requesting municipality only, with zero counts', () => {
    expect(request.status).toBe('requested');
    expect(request.scope).toEqual(['44021']);
    expect(request.counts).toEqual({
      alerted: 0,
      accepted: 0,
      declined: 0,
      checkedIn: 0,
      reserve: 0,
      byTask: { logistics: { needed: 12, accepted: 0 } },
    });
  });

  it('records who asked, when, and under which id', () => {
    expect(request).toMatchObject({
      id: testId(42),
      municipalityName: 'Gent',
      requestedBy: 'requester-sub',
      createdAt: NOW,
    });
    expect(request).not.toHaveProperty('closedAt');
  });

  it('keeps everything the body said', () => {
    expect(request).toMatchObject(body);
    expect(request.needs).toEqual([{ task: 'logistics', volunteers: 12, adultsOnly: false }]);
    expect(request.description).toBe('Kelders lopen onder');
  });

  it('is a valid help request by the schema', () => {
    expect(helpRequestSchema.safeParse(request).success).toBe(true);
  });

  it('gives every request its own counts object', () => {
    const other = newHelpRequest({
      id: testId(43),
      body,
      municipalityName: 'Gent',
      requestedBy: 'x',
      now: NOW,
    });
    other.counts.alerted = 5;
    expect(request.counts.alerted).toBe(0);
    expect(emptyCounts()).toEqual({ alerted: 0, accepted: 0, declined: 0, checkedIn: 0 });
  });
});

describe('selectCandidates', () => {
  const TODAY = '2026-11-23';
  // Monday 23 November 2026, 10:00 in Brussels.
  const ON = { today: TODAY, validityYears: 2, at: new Date('2026-11-23T09:00:00Z'), urgent: false };
  const ANY_TASK = [{ task: 'logistics' as const, volunteers: 2, adultsOnly: false }];
  const ADULTS_ONLY = [{ task: 'medical' as const, volunteers: 1, adultsOnly: true }];
  const QUALIFIED = { qualifiedSince: '2026-03-14' };
  const minor = aVolunteer({ name: 'Seventeen', birthDate: '2009-11-24', ...QUALIFIED });
  const justAdult = aVolunteer({ name: 'Eighteen today', birthDate: '2008-11-23', ...QUALIFIED });
  const active = aVolunteer({ name: 'Active' });
  const optedOut = aVolunteer({ name: 'Opted out', status: 'opted-out' });
  const alerted = aVolunteer({ name: 'Already alerted' });
  const alsoActive = aVolunteer({ name: 'Also active' });

  it('skips volunteers who opted out and volunteers already alerted for this request, keeping the order', () => {
    expect(
      selectCandidates([active, optedOut, alerted, alsoActive], new Set([alerted.id]), ANY_TASK, ON),
    ).toEqual([active, alsoActive]);
  });

  it('alerts every active volunteer when nobody was alerted yet', () => {
    expect(selectCandidates([alsoActive, active], new Set(), ANY_TASK, ON)).toEqual([alsoActive, active]);
  });

  it('skips an opted-out volunteer even if never alerted', () => {
    expect(selectCandidates([optedOut], new Set(), ANY_TASK, ON)).toEqual([]);
  });

  it('finds nobody once everyone has been alerted', () => {
    expect(selectCandidates([active, alsoActive], new Set([active.id, alsoActive.id]), ANY_TASK, ON)).toEqual(
      [],
    );
  });

  it('ignores alerted ids of volunteers not in the list', () => {
    expect(selectCandidates([active], new Set([testId(999999)]), ANY_TASK, ON)).toEqual([active]);
  });

  it('does not alert members under 18 when every task of the request is adults-only', () => {
    expect(selectCandidates([minor, justAdult], new Set(), ADULTS_ONLY, ON)).toEqual([justAdult]);
  });

  it('alerts members under 18 when at least one task is open to them', () => {
    expect(selectCandidates([minor], new Set(), [...ADULTS_ONLY, ...ANY_TASK], ON)).toEqual([minor]);
  });

  it('skips members outside their weekly availability, unless the request is urgent', () => {
    const evenings = aVolunteer({
      name: 'Weekday evenings',
      availability: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '18:00', until: '23:59' }],
    });
    const mornings = aVolunteer({
      name: 'Monday mornings',
      availability: [{ days: ['mon'], from: '08:00', until: '12:00' }],
    });
    expect(selectCandidates([evenings, mornings, active], new Set(), ANY_TASK, ON)).toEqual([
      mornings,
      active,
    ]);
    expect(
      selectCandidates([evenings, mornings, active], new Set(), ANY_TASK, { ...ON, urgent: true }),
    ).toEqual([evenings, mornings, active]);
  });

  it('alerts only qualified members for medical and operational tasks, and everyone for logistics', () => {
    const untrained = aVolunteer({ name: 'No course yet' });
    const lapsed = aVolunteer({ name: 'Last refresher in 2024', qualifiedSince: '2024-06-01' });
    const current = aVolunteer({ name: 'Refreshed last year', qualifiedSince: '2025-06-01' });
    for (const task of ['medical', 'operational'] as const) {
      const needs = [{ task, volunteers: 3, adultsOnly: false }];
      expect(selectCandidates([untrained, lapsed, current], new Set(), needs, ON)).toEqual([current]);
    }
    expect(selectCandidates([untrained, lapsed, current], new Set(), ANY_TASK, ON)).toEqual([
      untrained,
      lapsed,
      current,
    ]);
  });

  it('follows the configured validity: three years keep the 2024 course current in 2026', () => {
    const lapsed = aVolunteer({ qualifiedSince: '2024-06-01' });
    const medical = [{ task: 'medical' as const, volunteers: 1, adultsOnly: false }];
    expect(selectCandidates([lapsed], new Set(), medical, { ...ON, validityYears: 3 })).toEqual([lapsed]);
  });

  it('skips a volunteer who is on site for another request', () => {
    const onSite = aVolunteer({ onSiteFor: testId(4242) });
    expect(selectCandidates([onSite, active], new Set(), ANY_TASK, ON)).toEqual([active]);
  });

  it('skips a volunteer paused up to and including today, and alerts them again the day after', () => {
    const paused = aVolunteer({ pausedUntil: TODAY });
    expect(selectCandidates([paused], new Set(), ANY_TASK, ON)).toEqual([]);
    expect(selectCandidates([paused], new Set(), ANY_TASK, { ...ON, today: '2026-11-24' })).toEqual([paused]);
  });
});

describe('decideAfterResponses', () => {
  const needs = [{ task: 'logistics' as const, volunteers: 3, adultsOnly: false }];
  const request = (overrides: Partial<Parameters<typeof decideAfterResponses>[0]> = {}) => ({
    status: 'mobilising' as const,
    counts: { alerted: 5, accepted: 1, declined: 0, checkedIn: 0 },
    needs,
    allowWidening: true,
    scope: ['12025'],
    ...overrides,
  });

  it.each([
    {
      case: 'the request was closed meanwhile',
      overrides: { status: 'closed' as const },
      neighbours: ['12005'],
      decision: 'closed',
    },
    {
      case: 'enough accepted',
      overrides: { counts: { alerted: 5, accepted: 3, declined: 0, checkedIn: 0 } },
      neighbours: ['12005'],
      decision: 'enough',
    },
    {
      case: 'too few and a neighbour is not in scope yet',
      overrides: {},
      neighbours: ['12005'],
      decision: 'widen',
    },
    {
      case: 'too few and every neighbour is in scope',
      overrides: { scope: ['12025', '12005'] },
      neighbours: ['12005'],
      decision: 'shortfall',
    },
    { case: 'too few and no neighbours', overrides: {}, neighbours: [], decision: 'shortfall' },
    {
      case: 'too few but the request does not allow widening',
      overrides: { allowWidening: false },
      neighbours: ['12005'],
      decision: 'shortfall',
    },
  ])('decides $decision when $case', ({ overrides, neighbours, decision }) => {
    expect(decideAfterResponses(request(overrides), neighbours).decision).toBe(decision);
  });

  it.each([
    { case: 'too few and members of the scope are left to alert', overrides: {}, decision: 'next-wave' },
    {
      case: 'too few, members left, though widening is not allowed',
      overrides: { allowWidening: false },
      decision: 'next-wave',
    },
    {
      case: 'enough accepted, though members are left',
      overrides: { counts: { alerted: 5, accepted: 3, declined: 0, checkedIn: 0 } },
      decision: 'enough',
    },
    { case: 'closed, though members are left', overrides: { status: 'closed' as const }, decision: 'closed' },
  ])('decides $decision when $case: the next wave comes before widening', ({ overrides, decision }) => {
    expect(decideAfterResponses(request(overrides), ['12005'], true).decision).toBe(decision);
  });

  it('widens only to the neighbours not yet in scope, and counts what all needs add up to', () => {
    const result = decideAfterResponses(
      request({
        scope: ['12025', '12005'],
        needs: [...needs, { task: 'medical', volunteers: 2, adultsOnly: true }],
        counts: {
          alerted: 5,
          accepted: 1,
          declined: 0,
          checkedIn: 0,
          byTask: { logistics: { needed: 3, accepted: 1 }, medical: { needed: 2, accepted: 0 } },
        },
      }),
      ['12005', '12035'],
    );
    expect(result).toEqual({
      decision: 'widen',
      needed: 5,
      accepted: 1,
      short: [
        { task: 'logistics', needed: 3, accepted: 1 },
        { task: 'medical', needed: 2, accepted: 0 },
      ],
      widenTo: ['12035'],
    });
  });

  it('does not count ten logistics acceptances as enough for 2 medical and 8 logistics', () => {
    const result = decideAfterResponses(
      request({
        needs: [
          { task: 'medical', volunteers: 2, adultsOnly: false },
          { task: 'logistics', volunteers: 8, adultsOnly: false },
        ],
        counts: {
          alerted: 30,
          accepted: 8,
          declined: 0,
          checkedIn: 0,
          reserve: 2,
          byTask: { medical: { needed: 2, accepted: 0 }, logistics: { needed: 8, accepted: 8 } },
        },
      }),
      [],
    );
    expect(result).toMatchObject({
      decision: 'shortfall',
      needed: 10,
      accepted: 8,
      short: [{ task: 'medical', needed: 2, accepted: 0 }],
    });
  });

  it('decides enough once every task has what it needs', () => {
    expect(
      decideAfterResponses(
        request({
          needs: [
            { task: 'medical', volunteers: 2, adultsOnly: false },
            { task: 'logistics', volunteers: 1, adultsOnly: false },
          ],
          counts: {
            alerted: 3,
            accepted: 3,
            declined: 0,
            checkedIn: 0,
            byTask: { medical: { needed: 2, accepted: 2 }, logistics: { needed: 1, accepted: 1 } },
          },
        }),
        ['12005'],
      ),
    ).toMatchObject({ decision: 'enough', short: [] });
  });
});

describe('assignTask', () => {
  const on = { today: '2026-03-01', validityYears: 1 };
  const adult = { birthDate: '1990-01-01' };
  const medic = { birthDate: '1990-01-01', qualifiedSince: '2026-01-10' };
  const minor = { birthDate: '2009-06-01', qualifiedSince: '2026-01-10' };
  const request = (
    byTask: NonNullable<Parameters<typeof assignTask>[0]['counts']['byTask']>,
    needs = [
      { task: 'medical' as const, volunteers: 2, adultsOnly: false },
      { task: 'logistics' as const, volunteers: 8, adultsOnly: false },
    ],
  ) => ({ needs, counts: { alerted: 0, accepted: 0, declined: 0, checkedIn: 0, byTask } });
  const open = request({ medical: { needed: 2, accepted: 0 }, logistics: { needed: 8, accepted: 0 } });

  it('gives a qualified volunteer the medical task before logistics', () => {
    expect(assignTask(open, medic, on)).toBe('medical');
  });

  it('gives a volunteer without a current qualification the logistics task', () => {
    expect(assignTask(open, adult, on)).toBe('logistics');
  });

  it('gives the medic logistics once medical is full, and keeps a yes in reserve when no open task fits', () => {
    const medicalFull = request({
      medical: { needed: 2, accepted: 2 },
      logistics: { needed: 8, accepted: 3 },
    });
    expect(assignTask(medicalFull, medic, on)).toBe('logistics');
    const logisticsFull = request({
      medical: { needed: 2, accepted: 0 },
      logistics: { needed: 8, accepted: 8 },
    });
    expect(assignTask(logisticsFull, adult, on)).toBeUndefined();
  });

  it('keeps a 17-year-old out of an adults-only task', () => {
    const adultsOnly = request({ medical: { needed: 1, accepted: 0 } }, [
      { task: 'medical', volunteers: 1, adultsOnly: true },
    ]);
    expect(assignTask(adultsOnly, minor, on)).toBeUndefined();
    expect(assignTask(adultsOnly, medic, on)).toBe('medical');
  });
});
