import {
  GetCommand,
  paginateQuery,
  paginateScan,
  QueryCommand,
  TransactWriteCommand,
  type TransactWriteCommandInput,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { fundedPlaces } from '../config';
import { corpsMoved } from '../domain/annual-counters';
import { SYSTEM_ACTOR } from '../domain/audit';
import { allocateFunding, type FundedPlaces, fundedPlacesIn, promotionOnLeave } from '../domain/corps';
import { belgianDate } from '../domain/dates';
import { Conflict, NotFound } from '../domain/errors';
import { type Identity, memberBySms } from '../domain/identity';
import { assertNotOnSite, type NewVolunteer } from '../domain/volunteer';
import type { Group } from '../schemas/group';
import type { UpdateVolunteerBody, Volunteer } from '../schemas/volunteer';
import { counterUpdates } from './annual-counter-repository';
import { auditPut } from './audit-log';
import { backOff, cancellationCodes, documentClient, landed, transactOrConflict } from './dynamo-client';
import { putGroup } from './group-repository';
import { registryKeys, registryPrefixes } from './keys/registry-keys';
import { stripKeys } from './keys/strip-keys';
import { tableNames } from './tables';

export interface CorpsCounts {
  members: number;
  funded: number;
  version: number;
}

export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** Optimistic retries on the corps counter: each round one concurrent writer wins. */
const MAX_ATTEMPTS = 40;

/**
 * Corps members. Every join and leave moves the corps counter (members, Flanders-funded places) in the same
 * transaction as the member records, conditional on the counter's version: concurrent registrations around the
 * 10th or 80th member can neither double-fund a place nor lose a count.
 */
export class VolunteerRepository {
  constructor(
    private readonly db = documentClient(),
    private readonly table = tableNames.registry(),
    /** The places Flanders funds per corps, by year (CORPS_FUNDED_PLACES). */
    private readonly places: FundedPlaces = fundedPlaces(),
  ) {}

  async corps(nis: string): Promise<CorpsCounts> {
    const { Item } = await this.db.send(
      new GetCommand({ TableName: this.table, Key: registryKeys.corps(nis), ConsistentRead: true }),
    );
    return { members: Item?.members ?? 0, funded: Item?.funded ?? 0, version: Item?.version ?? 0 };
  }

  /** Registers members together; a phone number already registered is a Conflict and nothing is written. */
  async registerMembers(nis: string, members: NewVolunteer[], who: Identity): Promise<Volunteer[]> {
    return this.register(nis, members, who, []);
  }

  /** A group joins in one go: its record and its members, or nothing (a phone number already registered). */
  async registerGroup(group: Group, members: NewVolunteer[], who: Identity): Promise<Volunteer[]> {
    return this.register(group.municipality, members, who, [
      putGroup(this.table, group),
      auditPut(who, 'group.registered', 'group', group.id, group.registeredAt),
    ]);
  }

  private async register(
    nis: string,
    members: NewVolunteer[],
    who: Identity,
    alongside: TransactItem[],
  ): Promise<Volunteer[]> {
    for (let attempt = 1; ; attempt++) {
      const corps = await this.corps(nis);
      const funding = allocateFunding(corps.funded, members.length, this.placesAt(members[0]!.registeredAt));
      const volunteers: Volunteer[] = members.map((m, i) => ({ ...m, fundingSource: funding[i]! }));
      const items: TransactItem[] = volunteers.flatMap((v) => [
        this.putNew({ ...registryKeys.phone(v.phone), volunteerId: v.id }),
        this.putNew({ ...registryKeys.volunteer(v.id), ...registryKeys.rosterIndex(nis, v.id), ...v }),
        auditPut(who, 'volunteer.registered', 'volunteer', v.id, v.registeredAt),
      ]);
      const fundedAdded = funding.filter((f) => f === 'flanders').length;
      items.push(
        ...alongside,
        ...this.countCorps(nis, members[0]!.registeredAt, members.length, fundedAdded),
        this.moveCorps(nis, corps, members.length, fundedAdded),
      );
      // Only the corps counter (the last item) moving is worth another try; a taken phone number is not.
      const outcome = await this.transact(items, attempt, (index) => index === items.length - 1);
      if (outcome === 'done') return volunteers;
      if (outcome === 'item-taken')
        throw new Conflict('a phone number already belongs to a registered volunteer');
    }
  }

  async get(id: string): Promise<Volunteer | undefined> {
    const { Item } = await this.db.send(
      new GetCommand({ TableName: this.table, Key: registryKeys.volunteer(id), ConsistentRead: true }),
    );
    return Item ? stripKeys<Volunteer>(Item) : undefined;
  }

  /**
   * Drops the "on site" mark of a member restored from a backup taken while they were on site, when the erasure ledger
   * shows they were erased later (an erasure needs a check-out first, so the mark is stale). The restored deployment
   * stays as the backup had it.
   */
  async forgetRestoredOnSite(id: string): Promise<void> {
    await landed(
      this.db.send(
        new UpdateCommand({
          TableName: this.table,
          Key: registryKeys.volunteer(id),
          UpdateExpression: 'REMOVE onSiteFor',
          ConditionExpression: 'attribute_exists(onSiteFor)',
        }),
      ),
    );
  }

  async findIdByPhone(phone: string): Promise<string | undefined> {
    const { Item } = await this.db.send(
      new GetCommand({ TableName: this.table, Key: registryKeys.phone(phone) }),
    );
    return Item?.volunteerId as string | undefined;
  }

  async listByMunicipality(nis: string): Promise<Volunteer[]> {
    const volunteers: Volunteer[] = [];
    const query = {
      TableName: this.table,
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk AND begins_with(gsi1sk, :vol)',
      ExpressionAttributeValues: {
        ':pk': registryKeys.rosterIndex(nis, '').gsi1pk,
        ':vol': registryPrefixes.volunteer,
      },
    };
    for await (const page of paginateQuery({ client: this.db }, query)) {
      for (const item of page.Items ?? []) volunteers.push(stripKeys<Volunteer>(item));
    }
    return volunteers;
  }

  /** The id of every member on record, of every municipality: a whole-table scan, for the reapply command only. */
  async allIds(): Promise<string[]> {
    const ids: string[] = [];
    const scan = {
      TableName: this.table,
      FilterExpression: 'begins_with(pk, :vol) AND sk = :profile',
      ExpressionAttributeValues: {
        ':vol': registryPrefixes.volunteer,
        ':profile': registryKeys.volunteer('').sk,
      },
      ProjectionExpression: 'id',
      ConsistentRead: true,
    };
    for await (const page of paginateScan({ client: this.db }, scan)) {
      for (const item of page.Items ?? []) ids.push(item.id as string);
    }
    return ids;
  }

  /** Applies a self-service or admin update; `null` removes a field. A stale `expectedUpdatedAt` is a Conflict. */
  async update(
    volunteer: Volunteer,
    changes: UpdateVolunteerBody,
    now: string,
    who: Identity,
  ): Promise<Volunteer> {
    const set = Object.entries(changes).filter(([, value]) => value !== null);
    const remove = Object.entries(changes).filter(([, value]) => value === null);
    const names = Object.fromEntries(Object.keys(changes).map((name) => [`#${name}`, name]));
    const values = Object.fromEntries(set.map(([name, value]) => [`:${name}`, value]));
    const expression = [
      `SET ${[...set.map(([name]) => `#${name} = :${name}`), 'updatedAt = :now'].join(', ')}`,
      remove.length ? `REMOVE ${remove.map(([name]) => `#${name}`).join(', ')}` : '',
    ].join(' ');
    await transactOrConflict(
      this.db,
      [
        {
          Update: {
            TableName: this.table,
            Key: registryKeys.volunteer(volunteer.id),
            UpdateExpression: expression,
            ConditionExpression: 'updatedAt = :expected',
            ExpressionAttributeNames: names,
            ExpressionAttributeValues: { ...values, ':now': now, ':expected': volunteer.updatedAt },
          },
        },
        auditPut(who, 'volunteer.updated', 'volunteer', volunteer.id, now),
      ],
      'the volunteer was changed meanwhile; read it again',
    );
    return (await this.get(volunteer.id)) as Volunteer;
  }

  /**
   * The member opts out (STOP by SMS, or through the API): no more SMS until they rejoin. They keep their place in
   * the corps, but a Flanders-funded place is handed over as on an erasure. False when they were not active.
   */
  async optOut(id: string, now: string, who: Identity = memberBySms(id)): Promise<boolean> {
    for (let attempt = 1; ; attempt++) {
      const current = await this.get(id);
      if (current?.status !== 'active') return false;
      const nis = current.municipality;
      const [corps, roster] = await Promise.all([this.corps(nis), this.listByMunicipality(nis)]);
      const items: TransactItem[] = [
        {
          Update: {
            TableName: this.table,
            Key: registryKeys.volunteer(id),
            UpdateExpression:
              'SET #status = :optedOut, optedOutAt = :now, fundingSource = :municipality, updatedAt = :now',
            ConditionExpression: '#status = :active AND fundingSource = :fundingSource',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: {
              ':optedOut': 'opted-out',
              ':active': 'active',
              ':municipality': 'municipality',
              ':fundingSource': current.fundingSource,
              ':now': now,
            },
          },
        },
        ...this.handOverPlace(current, roster, corps, 0, now).items,
        auditPut(
          who,
          who.sub === memberBySms(id).sub ? 'volunteer.opted-out-by-sms' : 'volunteer.opted-out',
          'volunteer',
          id,
          now,
        ),
      ];
      // Any failed condition means something moved meanwhile (the member, a successor, the counter): read again.
      if ((await this.transact(items, attempt, () => true)) === 'done') return true;
    }
  }

  /**
   * An opted-out member is active again (START by SMS, or through the API) and takes a Flanders-funded place if the
   * year has one free, like a member joining. False when they had not opted out.
   */
  async rejoin(id: string, now: string, who: Identity = memberBySms(id)): Promise<boolean> {
    for (let attempt = 1; ; attempt++) {
      const current = await this.get(id);
      if (!current) throw new NotFound('volunteer');
      if (current.status !== 'opted-out') return false;
      const nis = current.municipality;
      const corps = await this.corps(nis);
      const [funding] = allocateFunding(corps.funded, 1, this.placesAt(now));
      const fundedAdded = funding === 'flanders' ? 1 : 0;
      const items: TransactItem[] = [
        {
          Update: {
            TableName: this.table,
            Key: registryKeys.volunteer(id),
            UpdateExpression:
              'SET #status = :active, fundingSource = :funding, updatedAt = :now REMOVE optedOutAt',
            ConditionExpression: '#status = :optedOut',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: {
              ':active': 'active',
              ':optedOut': 'opted-out',
              ':funding': funding,
              ':now': now,
            },
          },
        },
        ...this.countCorps(nis, now, 0, fundedAdded),
        this.moveCorps(nis, corps, 0, fundedAdded),
        auditPut(
          who,
          who.sub === memberBySms(id).sub ? 'volunteer.rejoined-by-sms' : 'volunteer.rejoined',
          'volunteer',
          id,
          now,
        ),
      ];
      if ((await this.transact(items, attempt, () => true)) === 'done') return true;
    }
  }

  /**
   * Erases a member: every item of theirs and their phone claim go, the corps counter moves, a freed Flanders place
   * goes to the longest-serving member the municipality pays for, and only `anonymousRecord` stays behind. Each
   * attempt re-reads the member, so a promotion or erasure that landed meanwhile is taken into account.
   */
  async erase(
    volunteerId: string,
    anonymousRecord: (current: Volunteer) => { id: string } & Record<string, unknown>,
    who: Identity,
    now: string,
  ): Promise<{ promoted?: string }> {
    for (let attempt = 1; ; attempt++) {
      const current = await this.get(volunteerId);
      if (!current) throw new NotFound('volunteer');
      assertNotOnSite(current);
      const nis = current.municipality;
      const [corps, roster, own] = await Promise.all([
        this.corps(nis),
        this.listByMunicipality(nis),
        this.partitionKeys(volunteerId),
      ]);
      const handOver = this.handOverPlace(current, roster, corps, -1, now);
      const items: TransactItem[] = [
        ...own.map((Key) =>
          Key.sk === registryKeys.volunteer(volunteerId).sk
            ? {
                // The funding this erasure was decided on must still hold when it lands, and nobody checked them in.
                Delete: {
                  TableName: this.table,
                  Key,
                  ConditionExpression: 'fundingSource = :fundingSource AND attribute_not_exists(onSiteFor)',
                  ExpressionAttributeValues: { ':fundingSource': current.fundingSource },
                },
              }
            : { Delete: { TableName: this.table, Key } },
        ),
        {
          Delete: {
            TableName: this.table,
            Key: registryKeys.phone(current.phone),
            ConditionExpression: 'volunteerId = :id',
            ExpressionAttributeValues: { ':id': volunteerId },
          },
        },
        ...handOver.items,
        this.putNew({
          ...registryKeys.formerMember(nis, anonymousRecord(current).id),
          ...anonymousRecord(current),
        }),
        auditPut(who, 'volunteer.erased', 'volunteer', volunteerId, now),
      ];
      // Any failed condition means something moved meanwhile (the member, their successor, the counter): read again.
      if ((await this.transact(items, attempt, () => true)) === 'done') {
        return handOver.promoted ? { promoted: handOver.promoted.id } : {};
      }
    }
  }

  /**
   * A member leaves (`members` -1) or opts out (0): the corps counter moves, and a Flanders-funded place goes to the
   * longest-serving active member the municipality pays for (if the year's places allow), or is freed.
   */
  private handOverPlace(
    leaving: Volunteer,
    roster: Volunteer[],
    corps: CorpsCounts,
    members: number,
    now: string,
  ): { items: TransactItem[]; promoted?: Volunteer } {
    const others = roster.filter((m) => m.id !== leaving.id);
    const promoted = promotionOnLeave(leaving, others, { funded: corps.funded, places: this.placesAt(now) });
    const fundedChange = leaving.fundingSource === 'flanders' && !promoted ? -1 : 0;
    const items: TransactItem[] = [
      ...this.countCorps(leaving.municipality, now, members, fundedChange),
      this.moveCorps(leaving.municipality, corps, members, fundedChange),
      ...(promoted
        ? [
            {
              Update: {
                TableName: this.table,
                Key: registryKeys.volunteer(promoted.id),
                UpdateExpression: 'SET fundingSource = :flanders, updatedAt = :now',
                ConditionExpression: 'fundingSource = :municipality AND #status = :active',
                ExpressionAttributeNames: { '#status': 'status' },
                ExpressionAttributeValues: {
                  ':flanders': 'flanders',
                  ':municipality': 'municipality',
                  ':active': 'active',
                  ':now': now,
                },
              },
            },
            auditPut(SYSTEM_ACTOR, 'volunteer.funded-by-flanders', 'volunteer', promoted.id, now),
          ]
        : []),
    ];
    return promoted ? { items, promoted } : { items };
  }

  /** The places Flanders funds in the Belgian calendar year of `at`. */
  private placesAt(at: string): number {
    return fundedPlacesIn(Number(belgianDate(new Date(at)).slice(0, 4)), this.places);
  }

  private async partitionKeys(volunteerId: string): Promise<Record<string, unknown>[]> {
    const { Items = [] } = await this.db.send(
      new QueryCommand({
        TableName: this.table,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': registryKeys.volunteer(volunteerId).pk },
        ProjectionExpression: 'pk, sk',
        ConsistentRead: true,
      }),
    );
    return Items;
  }

  private putNew(Item: Record<string, unknown>): TransactItem {
    return { Put: { TableName: this.table, Item, ConditionExpression: 'attribute_not_exists(pk)' } };
  }

  /** The yearly report's counters move with the corps counter, in the same transaction. */
  private countCorps(nis: string, at: string, members: number, funded: number): TransactItem[] {
    return counterUpdates(this.table, nis, corpsMoved(at, members, funded));
  }

  private moveCorps(nis: string, corps: CorpsCounts, members: number, funded: number): TransactItem {
    return {
      Update: {
        TableName: this.table,
        Key: registryKeys.corps(nis),
        UpdateExpression: 'SET members = :members, funded = :funded, version = :next',
        ConditionExpression: corps.version === 0 ? 'attribute_not_exists(version)' : 'version = :version',
        ExpressionAttributeValues: {
          ':members': corps.members + members,
          ':funded': corps.funded + funded,
          ':next': corps.version + 1,
          ...(corps.version === 0 ? {} : { ':version': corps.version }),
        },
      },
    };
  }

  /**
   * 'done'; 'retry' when only `retryable` items' conditions failed or a transaction conflicted; 'item-taken' when
   * another item's condition failed, which no retry can fix.
   */
  private async transact(
    items: TransactItem[],
    attempt: number,
    retryable: (index: number) => boolean,
  ): Promise<'done' | 'retry' | 'item-taken'> {
    try {
      await this.db.send(new TransactWriteCommand({ TransactItems: items }));
      return 'done';
    } catch (error) {
      const codes = cancellationCodes(error);
      if (!codes) throw error;
      if (codes.some((code, i) => code === 'ConditionalCheckFailed' && !retryable(i))) return 'item-taken';
      if (attempt >= MAX_ATTEMPTS) throw error;
      await backOff(attempt, 5, 200);
      return 'retry';
    }
  }
}
