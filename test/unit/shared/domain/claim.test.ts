import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  assertCanAddToClaim,
  assertCanFileFor,
  assertCanMoveClaim,
  assertCanSeeClaim,
  assertMayHandleClaims,
  assertWithinCoverage,
  CLAIM_STATUSES,
  CLAIM_TRANSITIONS,
  type ClaimStatus,
  type ClaimTarget,
  type CoveragePeriod,
} from '../../../../shared/domain/claim';
import { Forbidden, NotFound, RuleViolation } from '../../../../shared/domain/errors';
import type { Identity } from '../../../../shared/domain/identity';
import { anIdentity } from '../../../builders/identity';

const COORDINATOR = anIdentity(['coordinator']);
const VOLUNTEER_ID = '01JB0000000000000000000001';
const VOLUNTEER: Identity = { sub: 'volunteer-1', roles: ['volunteer'], volunteerId: VOLUNTEER_ID };

const outcome = (fn: () => void): string => {
  try {
    fn();
    return 'allowed';
  } catch (error) {
    if (error instanceof RuleViolation) return error.rule;
    return error instanceof Error ? error.name : 'unknown';
  }
};

const TARGETS = CLAIM_STATUSES.filter((s): s is ClaimTarget => s !== 'submitted');

describe('the claim status machine', () => {
  // Every pair (from, to): the only moves a coordinator can make; everything else is a 409 against the current status.
  const ALLOWED: [ClaimStatus, ClaimTarget][] = [
    ['submitted', 'in-review'],
    ['in-review', 'sent-to-insurer'],
    ['in-review', 'rejected'],
    ['sent-to-insurer', 'settled'],
    ['sent-to-insurer', 'rejected'],
  ];
  const pairs = CLAIM_STATUSES.flatMap((from) => TARGETS.map((to) => [from, to] as const));

  it.each(pairs)('a coordinator moving a %s claim to %s: allowed only along the table', (from, to) => {
    const allowed = ALLOWED.some(([f, t]) => f === from && t === to);
    expect(outcome(() => assertCanMoveClaim(COORDINATOR, from, to))).toBe(allowed ? 'allowed' : 'Conflict');
  });

  it('ends in settled or rejected, with no way out', () => {
    expect(CLAIM_TRANSITIONS.settled).toEqual([]);
    expect(CLAIM_TRANSITIONS.rejected).toEqual([]);
  });

  it.each(pairs)('a volunteer never moves a %s claim (to %s)', (from, to) => {
    expect(() => assertCanMoveClaim(VOLUNTEER, from, to)).toThrow(Forbidden);
  });

  it.each([
    ['submitted', 'allowed', 'allowed'],
    ['in-review', 'Conflict', 'allowed'],
    ['sent-to-insurer', 'Conflict', 'Conflict'],
    ['settled', 'Conflict', 'Conflict'],
    ['rejected', 'Conflict', 'Conflict'],
  ] as const)('adding to a %s claim: volunteer %s, coordinator %s', (status, volunteer, coordinator) => {
    expect(outcome(() => assertCanAddToClaim(VOLUNTEER, status))).toBe(volunteer);
    expect(outcome(() => assertCanAddToClaim(COORDINATOR, status))).toBe(coordinator);
  });
});

describe('who handles claims', () => {
  it.each([
    [['coordinator'], 'allowed'],
    [['volunteer'], 'allowed'],
    [['requester'], 'Forbidden'],
    [['municipal-admin'], 'Forbidden'],
    [['crisis-centre'], 'Forbidden'],
    [['ops'], 'Forbidden'],
  ] as const)('the role %j: %s', (roles, expected) => {
    expect(outcome(() => assertMayHandleClaims(anIdentity([...roles], '44021')))).toBe(expected);
  });

  it('shows a claim to its volunteer and coordinators; to another volunteer it does not exist', () => {
    expect(outcome(() => assertCanSeeClaim(VOLUNTEER, { volunteerId: VOLUNTEER_ID }))).toBe('allowed');
    expect(outcome(() => assertCanSeeClaim(COORDINATOR, {}))).toBe('allowed');
    expect(() => assertCanSeeClaim(VOLUNTEER, { volunteerId: '01JB0000000000000000000002' })).toThrow(
      NotFound,
    );
    // A spontaneous claimant's claim has no volunteer id: no token can ever match it.
    expect(() => assertCanSeeClaim({ sub: 'v', roles: ['volunteer'] }, {})).toThrow(NotFound);
  });

  it('lets a volunteer file for themselves only, and a coordinator for anyone', () => {
    expect(outcome(() => assertCanFileFor(VOLUNTEER, VOLUNTEER_ID))).toBe('allowed');
    expect(() => assertCanFileFor(VOLUNTEER, '01JB0000000000000000000002')).toThrow(Forbidden);
    expect(outcome(() => assertCanFileFor(COORDINATOR, '01JB0000000000000000000002'))).toBe('allowed');
  });
});

describe('the coverage rule', () => {
  const NOW = new Date('2026-03-02T18:00:00.000Z');
  const closed: CoveragePeriod = { from: '2026-03-02T10:00:00.000Z', to: '2026-03-02T12:00:00.000Z' };
  const open: CoveragePeriod = { from: '2026-03-02T15:00:00.000Z' };
  const rule = (occurredAt: string, periods: CoveragePeriod[]) =>
    outcome(() => assertWithinCoverage(occurredAt, periods, NOW));

  it.each([
    ['at the check-in', '2026-03-02T10:00:00.000Z', 'allowed'],
    ['inside a closed period', '2026-03-02T11:00:00.000Z', 'allowed'],
    ['at the check-out', '2026-03-02T12:00:00.000Z', 'allowed'],
    ['a millisecond after the check-out', '2026-03-02T12:00:00.001Z', 'outside-coverage'],
    ['between two periods', '2026-03-02T14:00:00.000Z', 'outside-coverage'],
    ['inside the open period, up to now', '2026-03-02T17:59:00.000Z', 'allowed'],
    ['before any period', '2026-03-01T11:00:00.000Z', 'outside-coverage'],
    ['in the future', '2026-03-02T18:00:01.000Z', 'occurred-in-future'],
  ])('%s: %s', (_what, occurredAt, expected) => {
    expect(rule(occurredAt, [closed, open])).toBe(expected);
  });

  it('names the recorded periods in the refusal, so the claimant sees when they were covered', () => {
    expect(() => assertWithinCoverage('2026-03-02T14:00:00.000Z', [closed, open], NOW)).toThrow(
      '2026-03-02T10:00:00.000Z..2026-03-02T12:00:00.000Z, 2026-03-02T15:00:00.000Z..now (still on site)',
    );
    expect(() => assertWithinCoverage('2026-03-02T14:00:00.000Z', [], NOW)).toThrow('(none)');
  });

  const instant = (min: number, max: number) => fc.integer({ min, max });
  const BASE = Date.parse('2026-01-01T00:00:00.000Z');
  const HOUR = 3_600_000;
  const periodsArb = fc.array(
    fc.tuple(instant(0, 1000), instant(0, 48), fc.boolean()).map(([start, length, isOpen]) => ({
      from: new Date(BASE + start * HOUR).toISOString(),
      ...(isOpen ? {} : { to: new Date(BASE + (start + length) * HOUR).toISOString() }),
    })),
    { maxLength: 5 },
  );

  it('accepts exactly the instants that lie inside some period, counting an open one up to now', () => {
    const now = new Date(BASE + 1100 * HOUR);
    fc.assert(
      fc.property(periodsArb, instant(0, 1100 * 60), (periods, minute) => {
        const at = BASE + minute * 60_000;
        const inside = periods.some(
          (p) => Date.parse(p.from) <= at && at <= (p.to ? Date.parse(p.to) : now.getTime()),
        );
        const verdict = outcome(() => assertWithinCoverage(new Date(at).toISOString(), periods, now));
        expect(verdict).toBe(inside ? 'allowed' : 'outside-coverage');
      }),
    );
  });

  it('never covers an instant after now, whatever the periods', () => {
    const now = new Date(BASE + 500 * HOUR);
    fc.assert(
      fc.property(periodsArb, instant(1, 600 * 60), (periods, minutesAfter) => {
        const at = new Date(now.getTime() + minutesAfter * 60_000).toISOString();
        expect(() => assertWithinCoverage(at, periods, now)).toThrow(RuleViolation);
      }),
    );
  });
});
