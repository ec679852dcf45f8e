import { GetCommand, paginateQuery, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { Identity } from '../domain/identity';
import type { Municipality } from '../schemas/municipality';
import { auditPut } from './audit-log';
import { documentClient, transactOrConflict } from './dynamo-client';
import { registryKeys, registryPrefixes } from './keys/registry-keys';
import { stripKeys } from './keys/strip-keys';
import { tableNames } from './tables';

/**
 * Municipality profiles, their requesters, and the neighbour relation. Neighbours are kept as edge items in both
 * directions, written together, so the relation stays symmetric whichever side changes it.
 */
export class MunicipalityRepository {
  constructor(
    private readonly db = documentClient(),
    private readonly table = tableNames.registry(),
  ) {}

  async get(nis: string): Promise<Municipality | undefined> {
    const { Item } = await this.db.send(
      new GetCommand({ TableName: this.table, Key: registryKeys.municipality(nis), ConsistentRead: true }),
    );
    if (!Item) return undefined;
    return { ...stripKeys<Omit<Municipality, 'neighbours'>>(Item), neighbours: await this.neighbours(nis) };
  }

  async neighbours(nis: string): Promise<string[]> {
    const neighbours: string[] = [];
    const query = {
      TableName: this.table,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :edge)',
      ExpressionAttributeValues: {
        ':pk': registryKeys.municipality(nis).pk,
        ':edge': registryPrefixes.neighbour,
      },
      ConsistentRead: true,
    };
    for await (const page of paginateQuery({ client: this.db }, query)) {
      for (const item of page.Items ?? [])
        neighbours.push(String(item.sk).slice(registryPrefixes.neighbour.length));
    }
    return neighbours.sort();
  }

  /**
   * Creates or updates the profile and sets its neighbours to exactly `municipality.neighbours`, mirroring every
   * added or removed edge. `previous` (what was read) guards against a lost concurrent update.
   */
  async put(municipality: Municipality, previous: Municipality | undefined, who: Identity): Promise<void> {
    const { neighbours, ...profile } = municipality;
    const before = new Set(previous?.neighbours ?? []);
    const after = new Set(neighbours);
    const edges = (a: string, b: string) => [registryKeys.neighbour(a, b), registryKeys.neighbour(b, a)];
    const added = neighbours.filter((n) => !before.has(n)).flatMap((n) => edges(municipality.nis, n));
    const removed = [...before].filter((n) => !after.has(n)).flatMap((n) => edges(municipality.nis, n));
    await transactOrConflict(
      this.db,
      [
        {
          Put: {
            TableName: this.table,
            Item: { ...registryKeys.municipality(municipality.nis), ...profile },
            ConditionExpression: previous ? 'updatedAt = :expected' : 'attribute_not_exists(pk)',
            ExpressionAttributeValues: previous ? { ':expected': previous.updatedAt } : undefined,
          },
        },
        ...added.map((Item) => ({ Put: { TableName: this.table, Item } })),
        ...removed.map((Key) => ({ Delete: { TableName: this.table, Key } })),
        auditPut(
          who,
          previous ? 'municipality.updated' : 'municipality.joined',
          'municipality',
          municipality.nis,
          municipality.updatedAt,
        ),
      ],
      'the municipality was changed meanwhile; try again',
    );
  }

  async requesters(nis: string): Promise<string[]> {
    const { Item } = await this.db.send(
      new GetCommand({ TableName: this.table, Key: registryKeys.requesters(nis), ConsistentRead: true }),
    );
    return (Item?.subs as string[] | undefined) ?? [];
  }

  /** The officials (token subjects) the municipal-admin allows to launch help requests; replaces the list. */
  async putRequesters(nis: string, subs: string[], who: Identity, now: string): Promise<void> {
    await this.db.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: this.table,
              Item: { ...registryKeys.requesters(nis), subs, updatedAt: now, updatedBy: who.sub },
            },
          },
          auditPut(who, 'municipality.requesters-set', 'municipality', nis, now),
        ],
      }),
    );
  }
}
