import { GetCommand, paginateQuery } from '@aws-sdk/lib-dynamodb';
import type { Group } from '../schemas/group';
import { documentClient } from './dynamo-client';
import { registryKeys, registryPrefixes } from './keys/registry-keys';
import { stripKeys } from './keys/strip-keys';
import { tableNames } from './tables';
import type { TransactItem } from './volunteer-repository';

/** The group's record, written in the same transaction as its members (`VolunteerRepository.registerGroup`). */
export const putGroup = (table: string, group: Group): TransactItem => ({
  Put: {
    TableName: table,
    Item: {
      ...registryKeys.group(group.id),
      ...registryKeys.groupIndex(group.municipality, group.id),
      ...group,
    },
    ConditionExpression: 'attribute_not_exists(pk)',
  },
});

/**
 * Groups (scouts, Chiro) that joined a corps together; their members are ordinary volunteers. A group is written
 * with its members, by `VolunteerRepository.registerGroup`.
 */
export class GroupRepository {
  constructor(
    private readonly db = documentClient(),
    private readonly table = tableNames.registry(),
  ) {}

  async get(id: string): Promise<Group | undefined> {
    const { Item } = await this.db.send(
      new GetCommand({ TableName: this.table, Key: registryKeys.group(id) }),
    );
    return Item ? stripKeys<Group>(Item) : undefined;
  }

  async listByMunicipality(nis: string): Promise<Group[]> {
    const groups: Group[] = [];
    const query = {
      TableName: this.table,
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk AND begins_with(gsi1sk, :group)',
      ExpressionAttributeValues: {
        ':pk': registryKeys.groupIndex(nis, '').gsi1pk,
        ':group': registryPrefixes.group,
      },
    };
    for await (const page of paginateQuery({ client: this.db }, query)) {
      for (const item of page.Items ?? []) groups.push(stripKeys<Group>(item));
    }
    return groups;
  }
}
