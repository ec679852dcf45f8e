import { GetCommand, paginateQuery, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import type { Identity } from '../domain/identity';
import type { Official } from '../schemas/official';
import { auditPut } from './audit-log';
import { documentClient, transactOrConflict } from './dynamo-client';
import { registryKeys, registryPrefixes } from './keys/registry-keys';
import { stripKeys } from './keys/strip-keys';
import { tableNames } from './tables';

type TransactItems = NonNullable<TransactWriteCommandInput['TransactItems']>;

/** An official as stored: whether they ever signed in is the account's to say, not the record's. */
export type OfficialRecord = Omit<Official, 'status'>;

/**
 * The officials a municipality invited: the source of truth for who they are (name, e-mail, role) and for the
 * lists; the Cognito account is the source of truth for signing in. The e-mail claim keeps one official per
 * address, and inviting or removing a requester changes the requesters list in the same transaction.
 */
export class OfficialRepository {
  constructor(
    private readonly db = documentClient(),
    private readonly table = tableNames.registry(),
  ) {}

  async get(nis: string, sub: string): Promise<OfficialRecord | undefined> {
    const { Item } = await this.db.send(
      new GetCommand({ TableName: this.table, Key: registryKeys.official(nis, sub), ConsistentRead: true }),
    );
    return Item ? stripKeys<OfficialRecord>(Item) : undefined;
  }

  /** The official invited under this (normalised) e-mail address, in whichever municipality. */
  async byEmail(email: string): Promise<OfficialRecord | undefined> {
    const { Item } = await this.db.send(
      new GetCommand({ TableName: this.table, Key: registryKeys.officialEmail(email), ConsistentRead: true }),
    );
    return Item ? this.get(String(Item.municipality), String(Item.sub)) : undefined;
  }

  async list(nis: string): Promise<OfficialRecord[]> {
    const officials: OfficialRecord[] = [];
    const query = {
      TableName: this.table,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :official)',
      ExpressionAttributeValues: {
        ':pk': registryKeys.municipality(nis).pk,
        ':official': registryPrefixes.official,
      },
      ConsistentRead: true,
    };
    for await (const page of paginateQuery({ client: this.db }, query)) {
      for (const item of page.Items ?? []) officials.push(stripKeys<OfficialRecord>(item));
    }
    return officials;
  }

  /**
   * Records the invited official with their e-mail claim and audit entry; a requester is named on the requesters
   * list in the same transaction. A claim or record that exists already (a concurrent invitation) is a 409.
   */
  async add(official: OfficialRecord, who: Identity, currentRequesters: readonly string[]): Promise<void> {
    const { id, municipality, email, invitedAt } = official;
    const name =
      official.role === 'requester' && !currentRequesters.includes(id)
        ? [this.requestersUpdate(municipality, who, invitedAt, { add: id })]
        : [];
    await transactOrConflict(
      this.db,
      [
        {
          Put: {
            TableName: this.table,
            Item: { ...registryKeys.officialEmail(email), municipality, sub: id },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
        {
          Put: {
            TableName: this.table,
            Item: { ...registryKeys.official(municipality, id), ...official },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
        ...name,
        auditPut(who, 'official.invited', 'official', id, invitedAt),
      ],
      'an official with this e-mail address was invited meanwhile',
    );
  }

  /**
   * Marks the official removed (once: conditional on not being removed) and takes them off the requesters list
   * at the place the caller read them, with the audit entry, in one transaction.
   */
  async remove(
    official: OfficialRecord,
    who: Identity,
    now: string,
    currentRequesters: readonly string[],
  ): Promise<void> {
    const index = currentRequesters.indexOf(official.id);
    await transactOrConflict(
      this.db,
      [
        {
          Update: {
            TableName: this.table,
            Key: registryKeys.official(official.municipality, official.id),
            UpdateExpression: 'SET removedAt = :now, removedBy = :who',
            ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(removedAt)',
            ExpressionAttributeValues: { ':now': now, ':who': who.sub },
          },
        },
        ...(index >= 0
          ? [this.requestersUpdate(official.municipality, who, now, { remove: official.id, index })]
          : []),
        auditPut(who, 'official.removed', 'official', official.id, now),
      ],
      'the official or the requesters list was changed meanwhile; try again',
    );
  }

  private requestersUpdate(
    nis: string,
    who: Identity,
    now: string,
    change: { add: string } | { remove: string; index: number },
  ): TransactItems[number] {
    const common = { ':now': now, ':who': who.sub };
    return {
      Update: {
        TableName: this.table,
        Key: registryKeys.requesters(nis),
        ...('add' in change
          ? {
              UpdateExpression:
                'SET subs = list_append(if_not_exists(subs, :empty), :added), updatedAt = :now, updatedBy = :who',
              ConditionExpression: 'attribute_not_exists(subs) OR NOT contains(subs, :sub)',
              ExpressionAttributeValues: {
                ...common,
                ':empty': [],
                ':added': [change.add],
                ':sub': change.add,
              },
            }
          : {
              // The index read a moment ago, checked: a list changed meanwhile cancels rather than removes another.
              UpdateExpression: `REMOVE subs[${change.index}] SET updatedAt = :now, updatedBy = :who`,
              ConditionExpression: `subs[${change.index}] = :sub`,
              ExpressionAttributeValues: { ...common, ':sub': change.remove },
            }),
      },
    };
  }
}
