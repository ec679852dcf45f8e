import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Municipality } from '../schemas/municipality';
import { documentClient } from './dynamo-client';
import { keys, stripKeys } from './keys';
import { tableNames } from './tables';

export class MunicipalityRepository {
  constructor(
    private readonly db = documentClient(),
    private readonly table = tableNames.registry(),
  ) {}

  async get(nis: string): Promise<Municipality | undefined> {
    const { Item } = await this.db.send(
      new GetCommand({ TableName: this.table, Key: keys.municipality(nis) }),
    );
    return Item ? stripKeys<Municipality>(Item) : undefined;
  }

  /** Creates or replaces the profile; `expectedUpdatedAt` guards against a lost concurrent update. */
  async put(municipality: Municipality, expectedUpdatedAt: string | undefined): Promise<void> {
    await this.db.send(
      new PutCommand({
        TableName: this.table,
        Item: { ...keys.municipality(municipality.nis), ...municipality },
        ConditionExpression: expectedUpdatedAt ? 'updatedAt = :expected' : 'attribute_not_exists(pk)',
        ExpressionAttributeValues: expectedUpdatedAt ? { ':expected': expectedUpdatedAt } : undefined,
      }),
    );
  }
}
