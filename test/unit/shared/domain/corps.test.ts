import { describe, expect, it } from 'vitest';
import {
  allocateFunding,
  corpsSummary,
  FUNDED_UP_TO,
  OPERATIONAL_FROM,
  promotionOnLeave,
} from '../../../../shared/domain/corps';

describe('corpsSummary', () => {
  it('is operational from 10 members and funded up to 80', () => {
    expect(OPERATIONAL_FROM).toBe(10);
    expect(FUNDED_UP_TO).toBe(80);
  });

  it.each([
    { members: 0, operational: false, fundedMembers: 0, ownCostMembers: 0 },
    { members: 9, operational: false, fundedMembers: 9, ownCostMembers: 0 },
    { members: 10, operational: true, fundedMembers: 10, ownCostMembers: 0 },
    { members: 80, operational: true, fundedMembers: 80, ownCostMembers: 0 },
    { members: 81, operational: true, fundedMembers: 80, ownCostMembers: 1 },
    { members: 120, operational: true, fundedMembers: 80, ownCostMembers: 40 },
  ])(
    'with $members members: operational $operational, $fundedMembers funded by Flanders, $ownCostMembers at own cost',
    (expected) => {
      expect(corpsSummary(expected.members)).toEqual(expected);
    },
  );
});

describe('allocateFunding', () => {
  it.each([
    { funded: 0, count: 1, expected: ['flanders'] },
    { funded: 79, count: 1, expected: ['flanders'] },
    { funded: 80, count: 1, expected: ['municipality'] },
    { funded: 78, count: 4, expected: ['flanders', 'flanders', 'municipality', 'municipality'] },
    { funded: 95, count: 2, expected: ['municipality', 'municipality'] },
  ])('with $funded places taken, funds $count new members as $expected', ({ funded, count, expected }) => {
    expect(allocateFunding(funded, count)).toEqual(expected);
  });
});

describe('promotionOnLeave', () => {
  const member = (fundingSource: 'flanders' | 'municipality', registeredAt: string) => ({
    fundingSource,
    registeredAt,
  });

  it('gives the freed Flanders place to the longest-serving member the municipality pays for', () => {
    const newest = member('municipality', '2026-03-01T00:00:00Z');
    const oldest = member('municipality', '2025-09-01T00:00:00Z');
    const funded = member('flanders', '2024-01-01T00:00:00Z');
    expect(promotionOnLeave(member('flanders', '2025-01-01T00:00:00Z'), [newest, funded, oldest])).toBe(
      oldest,
    );
  });

  it('promotes nobody when the leaving member was paid by the municipality', () => {
    expect(
      promotionOnLeave(member('municipality', '2025-01-01T00:00:00Z'), [
        member('municipality', '2024-01-01T00:00:00Z'),
      ]),
    ).toBeUndefined();
  });

  it('promotes nobody when every remaining member is already funded by Flanders', () => {
    expect(
      promotionOnLeave(member('flanders', '2025-01-01T00:00:00Z'), [
        member('flanders', '2024-01-01T00:00:00Z'),
      ]),
    ).toBeUndefined();
  });
});
