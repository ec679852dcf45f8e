import { GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { Identity } from '../domain/identity';
import type { DutyRoster, StoredDutyRoster } from '../schemas/duty-roster';
import { auditPut } from './audit-log';
import { documentClient } from './dynamo-client';
import { registryKeys } from './keys/registry-keys';
import { stripKeys } from './keys/strip-keys';
import { tableNames } from './tables';

/** The Red Cross 24/7 duty roster: one item, replaced whole by the coordinator who changes it. */
export class DutyRosterRepository {
  constructor(
    private readonly db = documentClient(),
    private readonly table = tableNames.registry(),
  ) {}

  async get(): Promise<StoredDutyRoster | undefined> {
    const { Item } = await this.db.send(
      new GetCommand({ TableName: this.table, Key: registryKeys.dutyRoster(), ConsistentRead: true }),
    );
    return Item ? stripKeys<StoredDutyRoster>(Item) : undefined;
  }

  async put(roster: DutyRoster, who: Identity, now: string): Promise<StoredDutyRoster> {
    const stored = { ...roster, updatedAt: now, updatedBy: who.sub };
    await this.db.send(
      new TransactWriteCommand({
        TransactItems: [
          { Put: { TableName: this.table, Item: { ...registryKeys.dutyRoster(), ...stored } } },
          auditPut(who, 'duty-roster.set', 'duty-roster', 'current', now),
        ],
      }),
    );
    return stored;
  }
}
