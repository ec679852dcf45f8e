/** Corps rules of the concept note: operational from 10 members, Flanders funds up to 80. */
export const OPERATIONAL_FROM = 10;
export const FUNDED_UP_TO = 80;

export interface CorpsSummary {
  members: number;
  operational: boolean;
  fundedMembers: number;
  ownCostMembers: number;
}

export const corpsSummary = (members: number): CorpsSummary => ({
  members,
  operational: members >= OPERATIONAL_FROM,
  fundedMembers: Math.min(members, FUNDED_UP_TO),
  ownCostMembers: Math.max(0, members - FUNDED_UP_TO),
});
