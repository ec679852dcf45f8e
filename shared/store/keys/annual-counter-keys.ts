import { shardSuffix } from '../../domain/counter-shards';

const COUNTERS = 'COUNTERS';

/**
 * Anonymous yearly counters of one municipality (numbers only: no id, no name), in the Registry and the Operations
 * table alike: one partition sorted by year, so the report reads every year up to its own in one query per table.
 * Each municipality's year is split over counter shards (every counted event moves one), added up when read.
 */
export const annualCounterKey = (year: number, nis: string, shard: number) => ({
  pk: COUNTERS,
  sk: `${year}#${nis}#${shardSuffix(shard)}`,
});

/** The partition of every yearly counter, and a sort key past every counter of `year`: '~' sorts after digits. */
export const annualCounterRange = (year: number) => ({ pk: COUNTERS, lastSk: `${year}#~` });

/** The year and municipality a counter item counts for, whether it is a shard or an item from before shards. */
export const annualCounterOf = (sk: string): { year: number; nis: string } => {
  const [year, nis = ''] = sk.split('#');
  return { year: Number(year), nis };
};
