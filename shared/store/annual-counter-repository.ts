import { paginateQuery } from '@aws-sdk/lib-dynamodb';
import type { CounterIncrement } from '../domain/annual-counters';
import type { CounterRow, RequestTiming } from '../domain/annual-report';
import { randomShard } from '../domain/counter-shards';
import { addCounters } from './add-counters';
import { documentClient, type TransactItems } from './dynamo-client';
import { annualCounterKey, annualCounterOf, annualCounterRange } from './keys/annual-counter-keys';
import { operationsKeys } from './keys/operations-keys';
import { tableNames } from './tables';

/**
 * The transaction items that add `increments` to a municipality's yearly counters in `table`: unconditional ADDs,
 * so they ride along with the conditional write of the event they count and never make it fail. Each lands on a
 * random shard of its year: a surge of registrations would otherwise queue on one item per municipality.
 */
export const counterUpdates = (
  table: string,
  nis: string,
  increments: readonly CounterIncrement[],
): TransactItems =>
  increments.map(({ year, counters }) =>
    addCounters(table, annualCounterKey(year, nis, randomShard()), counters),
  );

/** Reads what the yearly report is built from. */
export class AnnualCounterRepository {
  constructor(private readonly db = documentClient()) {}

  /**
   * Every municipality's counters of every year up to `year`, both tables' added together per year, with every
   * shard (and an item from before shards) of a year and municipality in one row.
   */
  async rows(year: number): Promise<CounterRow[]> {
    const byKey = new Map<string, CounterRow>();
    const { pk, lastSk } = annualCounterRange(year);
    for (const table of [tableNames.registry(), tableNames.operations()]) {
      const query = {
        TableName: table,
        KeyConditionExpression: 'pk = :pk AND sk <= :last',
        ExpressionAttributeValues: { ':pk': pk, ':last': lastSk },
      };
      for await (const page of paginateQuery({ client: this.db }, query)) {
        for (const { pk: _pk, sk, ...counters } of page.Items ?? []) {
          const of = annualCounterOf(String(sk));
          const key = `${of.year}#${of.nis}`;
          const row = byKey.get(key) ?? { ...of, counters: {} };
          for (const [name, n] of Object.entries(counters as Record<string, number>)) {
            row.counters[name] = (row.counters[name] ?? 0) + n;
          }
          byKey.set(key, row);
        }
      }
    }
    return [...byKey.values()];
  }

  /**
   * Launch and first-acceptance times of one municipality's requests around `year` (a day of margin each side for
   * the Belgian New Year; the report keeps those launched in `year`). Request records hold no personal data and
   * are never deleted, so these stay as they are.
   */
  async requestTimings(nis: string, year: number): Promise<RequestTiming[]> {
    const timings: RequestTiming[] = [];
    const query = {
      TableName: tableNames.operations(),
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk BETWEEN :from AND :to',
      ProjectionExpression: 'municipality, createdAt, firstAcceptedAt, exercise',
      ExpressionAttributeValues: {
        ':pk': operationsKeys.requestIndex(nis, '', '').gsi1pk,
        ':from': operationsKeys.requestIndex(nis, `${year - 1}-12-31`, '').gsi1sk,
        ':to': operationsKeys.requestIndex(nis, `${year + 1}-01-02`, '').gsi1sk,
      },
    };
    for await (const page of paginateQuery({ client: this.db }, query)) {
      timings.push(...((page.Items ?? []) as RequestTiming[]));
    }
    return timings;
  }
}
