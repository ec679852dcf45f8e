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

/** Funding for `count` new members when `funded` places are taken: Flanders up to 80, the municipality after. */
export const allocateFunding = (funded: number, count: number): ('flanders' | 'municipality')[] =>
  Array.from({ length: count }, (_, i) => (funded + i < FUNDED_UP_TO ? 'flanders' : 'municipality'));

/**
 * When a Flanders-funded member leaves, the freed place goes to the longest-serving member the municipality pays
 * for; undefined when there is none.
 */
export const promotionOnLeave = <
  M extends { fundingSource: 'flanders' | 'municipality'; registeredAt: string },
>(
  leaving: M,
  others: M[],
): M | undefined => {
  if (leaving.fundingSource !== 'flanders') return undefined;
  return others
    .filter((m) => m.fundingSource === 'municipality')
    .sort((a, b) => a.registeredAt.localeCompare(b.registeredAt))[0];
};
