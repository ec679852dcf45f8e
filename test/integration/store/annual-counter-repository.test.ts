import { PutCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { AnnualCounterRepository, counterUpdates } from '../../../shared/store/annual-counter-repository';
import { documentClient } from '../../../shared/store/dynamo-client';
import { tableNames } from '../../../shared/store/tables';
import { createTestTables } from '../../support/tables';

const GENT = '44021';
const AALST = '41002';

beforeAll(async () => {
  await createTestTables();
});

const count = async (table: string, nis: string, year: number, counters: Record<string, number>) =>
  documentClient().send(
    new TransactWriteCommand({ TransactItems: counterUpdates(table, nis, [{ year, counters }]) }),
  );

describe('the yearly counters on DynamoDB Local', () => {
  it('spreads the counts of one year and municipality over shards, and adds them, an item from before shards and both tables up into one row', async () => {
    const db = documentClient();
    // Written before the counters were sharded: one item per municipality and year.
    await db.send(
      new PutCommand({
        TableName: tableNames.operations(),
        Item: { pk: 'COUNTERS', sk: `2025#${GENT}`, spontaneousRegistered: 5 },
      }),
    );
    for (let i = 0; i < 40; i++)
      await count(tableNames.operations(), GENT, 2025, { spontaneousRegistered: 1 });
    await count(tableNames.registry(), GENT, 2025, { joined: 3 });
    await count(tableNames.operations(), AALST, 2025, { spontaneousRegistered: 2 });
    await count(tableNames.operations(), GENT, 2024, { spontaneousRegistered: 4 });
    await count(tableNames.operations(), GENT, 2026, { spontaneousRegistered: 100 });

    const rows = await new AnnualCounterRepository().rows(2025);

    expect(rows.sort((a, b) => `${a.year}${a.nis}`.localeCompare(`${b.year}${b.nis}`))).toEqual([
      { year: 2024, nis: GENT, counters: { spontaneousRegistered: 4 } },
      { year: 2025, nis: AALST, counters: { spontaneousRegistered: 2 } },
      { year: 2025, nis: GENT, counters: { spontaneousRegistered: 45, joined: 3 } },
    ]);
    // The 40 counts of one municipality and year went to many items, not one.
    const { Items = [] } = await db.send(
      new QueryCommand({
        TableName: tableNames.operations(),
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :year)',
        ExpressionAttributeValues: { ':pk': 'COUNTERS', ':year': `2025#${GENT}#` },
      }),
    );
    expect(Items.length).toBeGreaterThan(4);
  });
});
