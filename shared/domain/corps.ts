/** Corps rules of the concept note: operational from 10 members, Flanders funds up to 80 (a figure set per year). */
export const OPERATIONAL_FROM = 10;
export const FUNDED_UP_TO = 80;

/** Flanders-funded places per corps from a year on (`{ "2027": 100 }`); years before the first keep the 80. */
export type FundedPlaces = Readonly<Record<string, number>>;

/** The places Flanders funds per corps in `year`: those of the latest configured year up to it. */
export const fundedPlacesIn = (year: number, configured: FundedPlaces): number => {
  const from = Object.keys(configured)
    .map(Number)
    .filter((y) => y <= year)
    .sort((a, b) => b - a)[0];
  return from === undefined ? FUNDED_UP_TO : (configured[String(from)] ?? FUNDED_UP_TO);
};

export interface CorpsSummary {
  members: number;
  operational: boolean;
  fundedMembers: number;
  ownCostMembers: number;
}

/** From the corps counter: its members and the Flanders-funded places they hold. */
export const corpsSummary = (members: number, funded: number): CorpsSummary => ({
  members,
  operational: members >= OPERATIONAL_FROM,
  fundedMembers: funded,
  ownCostMembers: members - funded,
});

/** Funding for `count` new members when `funded` of the year's `places` are taken; the municipality pays after. */
export const allocateFunding = (
  funded: number,
  count: number,
  places: number,
): ('flanders' | 'municipality')[] =>
  Array.from({ length: count }, (_, i) => (funded + i < places ? 'flanders' : 'municipality'));

/**
 * When a Flanders-funded member leaves (or opts out), the freed place goes to the longest-serving active member the
 * municipality pays for, if the year's places still allow it; undefined when nobody takes it.
 */
export const promotionOnLeave = <
  M extends { fundingSource: 'flanders' | 'municipality'; registeredAt: string; status?: string },
>(
  leaving: M,
  others: M[],
  corps: { funded: number; places: number },
): M | undefined => {
  if (leaving.fundingSource !== 'flanders' || corps.funded - 1 >= corps.places) return undefined;
  return others
    .filter((m) => m.fundingSource === 'municipality' && m.status !== 'opted-out')
    .sort((a, b) => a.registeredAt.localeCompare(b.registeredAt))[0];
};
