import { paginateQuery } from '@aws-sdk/lib-dynamodb';
import type { Activation } from '../schemas/activation';
import { documentClient, putIfAbsent, type TransactItems, transactLanded } from './dynamo-client';
import { operationsKeys, operationsPrefixes } from './keys/operations-keys';
import { stripKeys } from './keys/strip-keys';
import { countShardUpdate } from './request-counters';
import { tableNames } from './tables';

/**
 * Activations by hand of a request, beside it in its partition: the corps each adds and its progress. Each corps'
 * mobilisation counts itself in once, so a retried step or a redelivered one never counts twice.
 */
export class ActivationRepository {
  constructor(
    private readonly db = documentClient(),
    private readonly table = tableNames.operations(),
  ) {}

  /** The new activation's record, to be written in the transaction that widens the scope. */
  recordItem(activation: Activation): TransactItems[number] {
    return {
      Put: {
        TableName: this.table,
        Item: { ...operationsKeys.activation(activation.requestId, activation.id), ...activation },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    };
  }

  async listForRequest(requestId: string): Promise<Activation[]> {
    const activations: Activation[] = [];
    const query = {
      TableName: this.table,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :activation)',
      ExpressionAttributeValues: {
        ':pk': operationsKeys.request(requestId).pk,
        ':activation': operationsPrefixes.activation,
      },
      ConsistentRead: true,
    };
    for await (const page of paginateQuery({ client: this.db }, query)) {
      for (const item of page.Items ?? []) activations.push(stripKeys<Activation>(item));
    }
    return activations.sort((a, b) => a.startedAt.localeCompare(b.startedAt));
  }

  /** Records that the activation's step starts on a corps: true the first time, false on a retry. */
  async startCorps(requestId: string, activationId: string, municipality: string): Promise<boolean> {
    return putIfAbsent(
      this.db,
      this.table,
      operationsKeys.activationCorpsStarted(requestId, activationId, municipality),
    );
  }

  /**
   * One corps done, with how many of its members are alerted, which the request counts on its shards in the same
   * write; false when it was counted before.
   */
  async countMunicipality(
    requestId: string,
    activationId: string,
    municipality: string,
    alerted: number,
  ): Promise<boolean> {
    return transactLanded(this.db, [
      {
        Update: {
          TableName: this.table,
          Key: operationsKeys.activation(requestId, activationId),
          UpdateExpression: 'ADD done :corps, alerted :alerted',
          ConditionExpression: 'attribute_exists(pk) AND NOT contains(done, :municipality)',
          ExpressionAttributeValues: {
            ':corps': new Set([municipality]),
            ':alerted': alerted,
            ':municipality': municipality,
          },
        },
      },
      ...countShardUpdate(this.table, requestId, { alerted }),
    ]);
  }

  /**
   * Every corps tried: the ones that failed after their retries are named, and the request counts the alerts they
   * wrote before they failed (`uncounted`). Once; a retry changes nothing.
   */
  async finish(
    requestId: string,
    activationId: string,
    failed: string[],
    at: string,
    uncounted = 0,
  ): Promise<boolean> {
    return transactLanded(this.db, [
      {
        Update: {
          TableName: this.table,
          Key: operationsKeys.activation(requestId, activationId),
          UpdateExpression: 'SET finishedAt = :at, failed = :failed',
          ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(finishedAt)',
          ExpressionAttributeValues: { ':at': at, ':failed': failed },
        },
      },
      ...countShardUpdate(this.table, requestId, { alerted: uncounted }),
    ]);
  }
}
