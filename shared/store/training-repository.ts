import {
  GetCommand,
  PutCommand,
  paginateQuery,
  type QueryCommandInput,
  TransactWriteCommand,
} from '@aws-sdk/lib-dynamodb';
import { courseRecorded } from '../domain/annual-counters';
import type { Identity } from '../domain/identity';
import type { TrainingRecord } from '../domain/training';
import type { TrainingProvider } from '../schemas/training';
import { counterUpdates } from './annual-counter-repository';
import { auditPut } from './audit-log';
import { cancellationCodes, documentClient, isConditionFailure } from './dynamo-client';
import { registryKeys, registryPrefixes } from './keys/registry-keys';
import { stripKeys } from './keys/strip-keys';
import { tableNames } from './tables';

export class TrainingRepository {
  constructor(
    private readonly db = documentClient(),
    private readonly table = tableNames.registry(),
  ) {}

  /** Creates or replaces a provider, with the audit entry of the act when `who` did it. */
  async putProvider(provider: TrainingProvider, who?: Identity): Promise<void> {
    const put = {
      TableName: this.table,
      Item: { ...registryKeys.trainingProvider(provider.id), ...provider },
    };
    if (!who) {
      await this.db.send(new PutCommand(put));
      return;
    }
    const audit = auditPut(
      who,
      'training-provider.put',
      'training-provider',
      provider.id,
      provider.updatedAt,
      {
        charter: provider.charter,
      },
    );
    await this.db.send(new TransactWriteCommand({ TransactItems: [{ Put: put }, audit] }));
  }

  async getProvider(id: string): Promise<TrainingProvider | undefined> {
    const { Item } = await this.db.send(
      new GetCommand({ TableName: this.table, Key: registryKeys.trainingProvider(id) }),
    );
    return Item ? stripKeys<TrainingProvider>(Item) : undefined;
  }

  /** Sorted by id. */
  async listProviders(): Promise<TrainingProvider[]> {
    return this.queryAll<TrainingProvider>({
      TableName: this.table,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': registryKeys.trainingProvider('').pk },
    });
  }

  /**
   * Stores a course once (a repeat of the same record writes nothing and answers 'duplicate'). A funded course also
   * claims its subsidy marker (basic: once ever; refresher and simulation: once per calendar year) in the same
   * transaction, so two courses recorded at the same moment cannot both be funded: the loser is stored unfunded.
   * The member's profile takes the new course count and qualification date in the same write, on the condition that
   * it still holds the count the caller computed from (`profile.count`): a course recorded meanwhile makes the answer
   * 'stale' and nothing is written, so the qualification date never misses a course.
   */
  async record(
    volunteerId: string,
    record: TrainingRecord,
    who: Identity,
    profile: { count: number; qualifiedSince?: string },
    /** For the yearly report's counters: the member's corps, and why an unfunded course is not funded. */
    counted?: { municipality: string; priorCertificate: boolean; earlierBasic: boolean },
  ): Promise<TrainingRecord | 'duplicate' | 'stale'> {
    const put = (item: Record<string, unknown>) => ({
      Put: { TableName: this.table, Item: item, ConditionExpression: 'attribute_not_exists(pk)' },
    });
    const update = {
      Update: {
        TableName: this.table,
        Key: registryKeys.volunteer(volunteerId),
        UpdateExpression: profile.qualifiedSince
          ? 'SET trainingCount = :next, qualifiedSince = :since'
          : 'SET trainingCount = :next REMOVE qualifiedSince',
        ConditionExpression:
          profile.count === 0
            ? 'attribute_exists(pk) AND attribute_not_exists(trainingCount)'
            : 'trainingCount = :count',
        ExpressionAttributeValues: {
          ':next': profile.count + 1,
          ...(profile.count === 0 ? {} : { ':count': profile.count }),
          ...(profile.qualifiedSince ? { ':since': profile.qualifiedSince } : {}),
        },
      },
    };
    const items = [
      put({ ...registryKeys.training(volunteerId, record.date, record.id), ...record }),
      auditPut(who, `training.${record.kind}-recorded`, 'volunteer', volunteerId, record.recordedAt),
      update,
      ...(record.funded ? [put(registryKeys.fundedMarker(volunteerId, record))] : []),
      ...(counted ? counterUpdates(this.table, counted.municipality, courseRecorded(record, counted)) : []),
    ];
    try {
      await this.db.send(new TransactWriteCommand({ TransactItems: items }));
      return record;
    } catch (error) {
      // Courses of one municipality share its yearly counters: a concurrent course is read again and recorded anew.
      if (cancellationCodes(error)?.includes('TransactionConflict')) return 'stale';
      if (!isConditionFailure(error)) throw error;
      const failed = (index: number) => cancellationCodes(error)?.[index] === 'ConditionalCheckFailed';
      if (failed(0)) return 'duplicate';
      if (failed(2)) return 'stale';
      if (record.funded && failed(3))
        // The subsidy went to a course recorded meanwhile: this one is a repeat.
        return this.record(
          volunteerId,
          { ...record, funded: false },
          who,
          profile,
          counted && { ...counted, earlierBasic: true },
        );
      throw error;
    }
  }

  /** Oldest first (by date, then id). */
  async listForVolunteer(volunteerId: string): Promise<TrainingRecord[]> {
    return this.queryAll<TrainingRecord>({
      TableName: this.table,
      // Strong: recording a course counts these, and the count guards the member's profile.
      ConsistentRead: true,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :training)',
      ExpressionAttributeValues: {
        ':pk': registryKeys.volunteer(volunteerId).pk,
        ':training': registryPrefixes.training,
      },
    });
  }

  private async queryAll<T>(input: QueryCommandInput): Promise<T[]> {
    const items: T[] = [];
    for await (const page of paginateQuery({ client: this.db }, input)) {
      for (const item of page.Items ?? []) items.push(stripKeys<T>(item));
    }
    return items;
  }
}
