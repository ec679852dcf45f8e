import { describe, expect, it } from 'vitest';
import {
  allocateFunding,
  corpsSummary,
  FUNDED_UP_TO,
  type FundedPlaces,
  fundedPlacesIn,
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
      expect(corpsSummary(expected.members, expected.fundedMembers)).toEqual(expected);
    },
  );

  it('reports the Flanders-funded places as counted, not as the first 80: a member who opted out holds none', () => {
    expect(corpsSummary(81, 79)).toMatchObject({ fundedMembers: 79, ownCostMembers: 2 });
  });
});

describe('fundedPlacesIn', () => {
  it.each([
    { configured: {}, year: 2026, places: 80, why: 'the concept note’s 80 when nothing is configured' },
    { configured: { 2027: 100 }, year: 2026, places: 80, why: 'the 80 before the first configured year' },
    { configured: { 2027: 100 }, year: 2027, places: 100, why: 'the configured places from that year' },
    {
      configured: { 2027: 100 },
      year: 2031,
      places: 100,
      why: 'the latest configured year’s places after it',
    },
    {
      configured: { 2025: 60, 2028: 100 },
      year: 2027,
      places: 60,
      why: 'the latest configured year before it',
    },
  ])('gives $places for $year: $why', ({ configured, year, places }) => {
    expect(fundedPlacesIn(year, configured as FundedPlaces)).toBe(places);
  });
});

describe('allocateFunding', () => {
  it.each([
    { funded: 0, count: 1, expected: ['flanders'] },
    { funded: 79, count: 1, expected: ['flanders'] },
    { funded: 80, count: 1, expected: ['municipality'] },
    { funded: 78, count: 4, expected: ['flanders', 'flanders', 'municipality', 'municipality'] },
    { funded: 95, count: 2, expected: ['municipality', 'municipality'] },
  ])('with $funded places taken, funds $count new members as $expected', ({ funded, count, expected }) => {
    expect(allocateFunding(funded, count, FUNDED_UP_TO)).toEqual(expected);
  });

  it('funds up to the configured number of places of the year', () => {
    expect(allocateFunding(99, 2, 100)).toEqual(['flanders', 'municipality']);
    expect(allocateFunding(60, 1, 60)).toEqual(['municipality']);
  });
});

describe('promotionOnLeave', () => {
  const member = (
    fundingSource: 'flanders' | 'municipality',
    registeredAt: string,
    status: 'active' | 'opted-out' = 'active',
  ) => ({ fundingSource, registeredAt, status });
  const full = { funded: 80, places: 80 };

  it('gives the freed Flanders place to the longest-serving member the municipality pays for', () => {
    const newest = member('municipality', '2026-03-01T00:00:00Z');
    const oldest = member('municipality', '2025-09-01T00:00:00Z');
    const funded = member('flanders', '2024-01-01T00:00:00Z');
    expect(promotionOnLeave(member('flanders', '2025-01-01T00:00:00Z'), [newest, funded, oldest], full)).toBe(
      oldest,
    );
  });

  it('promotes nobody when the leaving member was paid by the municipality', () => {
    expect(
      promotionOnLeave(
        member('municipality', '2025-01-01T00:00:00Z'),
        [member('municipality', '2024-01-01T00:00:00Z')],
        full,
      ),
    ).toBeUndefined();
  });

  it('promotes nobody when every remaining member is already funded by Flanders', () => {
    expect(
      promotionOnLeave(
        member('flanders', '2025-01-01T00:00:00Z'),
        [member('flanders', '2024-01-01T00:00:00Z')],
        full,
      ),
    ).toBeUndefined();
  });

  it('passes over a member who opted out: the place goes to the longest-serving active one', () => {
    const optedOut = member('municipality', '2024-01-01T00:00:00Z', 'opted-out');
    const active = member('municipality', '2025-06-01T00:00:00Z');
    expect(promotionOnLeave(member('flanders', '2025-01-01T00:00:00Z'), [optedOut, active], full)).toBe(
      active,
    );
  });

  it('promotes nobody when the places of the year are fewer than those still funded after the leave', () => {
    expect(
      promotionOnLeave(
        member('flanders', '2025-01-01T00:00:00Z'),
        [member('municipality', '2024-01-01T00:00:00Z')],
        { funded: 80, places: 70 },
      ),
    ).toBeUndefined();
  });
});
