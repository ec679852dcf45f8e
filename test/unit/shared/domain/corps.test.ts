import { describe, expect, it } from 'vitest';
import { corpsSummary, FUNDED_UP_TO, OPERATIONAL_FROM } from '../../../../shared/domain/corps';

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
