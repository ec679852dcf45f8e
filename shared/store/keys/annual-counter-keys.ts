/**
 * Anonymous yearly counters of one municipality (numbers only: no id, no name), in the Registry and the Operations
 * table alike: one partition sorted by year, so the report reads every year up to its own in one query per table.
 */
export const annualCounterKey = (year: number, nis: string) => ({ pk: 'COUNTERS', sk: `${year}#${nis}` });
