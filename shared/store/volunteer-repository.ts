import { GetCommand, paginateQuery, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { Conflict } from '../domain/errors';
import type { Volunteer } from '../schemas/volunteer';
import { createTogether, documentClient, isConditionFailure } from './dynamo-client';
import { keys, stripKeys } from './keys';
import { tableNames } from './tables';

export class VolunteerRepository {
  constructor(
    private readonly db = documentClient(),
    private readonly table = tableNames.registry(),
  ) {}

  /** The phone item makes one number belong to one volunteer; both writes land together or not at all. */
  async register(volunteer: Volunteer): Promise<void> {
    await createTogether(
      this.db,
      this.table,
      [
        { ...keys.phone(volunteer.phone), volunteerId: volunteer.id },
        {
          ...keys.volunteer(volunteer.id),
          ...keys.rosterIndex(volunteer.municipality, volunteer.id),
          ...volunteer,
        },
      ],
      'this phone number already belongs to a registered volunteer',
    );
  }

  async get(id: string): Promise<Volunteer | undefined> {
    const { Item } = await this.db.send(new GetCommand({ TableName: this.table, Key: keys.volunteer(id) }));
    return Item ? stripKeys<Volunteer>(Item) : undefined;
  }

  /** STOP by SMS: no more alerts. A second STOP changes nothing. */
  async optOut(id: string): Promise<void> {
    await this.db.send(
      new UpdateCommand({
        TableName: this.table,
        Key: keys.volunteer(id),
        UpdateExpression: 'SET #status = :optedOut',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':optedOut': 'opted-out' },
      }),
    );
  }

  async findIdByPhone(phone: string): Promise<string | undefined> {
    const { Item } = await this.db.send(new GetCommand({ TableName: this.table, Key: keys.phone(phone) }));
    return Item?.volunteerId as string | undefined;
  }

  async listByMunicipality(nis: string): Promise<Volunteer[]> {
    const volunteers: Volunteer[] = [];
    for await (const page of paginateQuery({ client: this.db }, this.rosterQuery(nis))) {
      for (const item of page.Items ?? []) volunteers.push(stripKeys<Volunteer>(item));
    }
    return volunteers;
  }

  async countByMunicipality(nis: string): Promise<number> {
    let count = 0;
    for await (const page of paginateQuery(
      { client: this.db },
      { ...this.rosterQuery(nis), Select: 'COUNT' },
    )) {
      count += page.Count ?? 0;
    }
    return count;
  }

  private rosterQuery(nis: string) {
    return {
      TableName: this.table,
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk AND begins_with(gsi1sk, :vol)',
      ExpressionAttributeValues: { ':pk': keys.rosterIndex(nis, '').gsi1pk, ':vol': 'VOL#' },
    };
  }
}
