import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import * as z from 'zod/mini';
import { isConditionFailure } from '../shared/store/dynamo-client';

/** What an activation made the AWS services do, counted on the local runtime. */
export interface Operations {
  stateTransitions: number;
  lambdaInvocations: number;
  /** Handler run time × the functions' memory; local run times stand in for Lambda's billed durations. */
  lambdaGbSeconds: number;
  apiRequests: number;
  dynamoReadUnits: number;
  dynamoWriteUnits: number;
  /** SMS jobs published to the jobs topic (PublishBatch bills each message as a request). */
  snsPublishes: number;
  /** Dispatcher receives and deletes of job batches. */
  sqsRequests: number;
  smsParts: number;
}

const READS = new Set([
  'GetItemCommand',
  'QueryCommand',
  'ScanCommand',
  'BatchGetItemCommand',
  'TransactGetItemsCommand',
]);

interface Capacity {
  CapacityUnits?: number;
}

/**
 * Counts DynamoDB request units on the client every repository shares: each call asks for its consumed capacity.
 * A write refused by its condition is billed too (one unit for the small items here), though its error carries none.
 */
export const countDynamoUnits = (client: DynamoDBClient) => {
  const units = { read: 0, write: 0 };
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const input = args.input as { ReturnConsumedCapacity?: string };
      input.ReturnConsumedCapacity = 'TOTAL';
      const kind = READS.has(context.commandName ?? '') ? 'read' : 'write';
      try {
        const result = await next(args);
        const consumed = (result.output as { ConsumedCapacity?: Capacity | Capacity[] }).ConsumedCapacity;
        for (const capacity of [consumed ?? []].flat()) units[kind] += capacity.CapacityUnits ?? 0;
        return result;
      } catch (error) {
        if (isConditionFailure(error)) units[kind] += 1;
        throw error;
      }
    },
    { step: 'initialize', name: 'benchCountCapacity' },
  );
  return units;
};

/** Unit prices in USD, from `bench/prices.json` (or the file given with `--prices`); a typo stops the bench. */
export const pricesSchema = z.object({
  region: z.string(),
  asOf: z.string(),
  notes: z.optional(z.string()),
  stateTransition: z.number().check(z.nonnegative()),
  lambdaRequest: z.number().check(z.nonnegative()),
  lambdaGbSecond: z.number().check(z.nonnegative()),
  apiRequest: z.number().check(z.nonnegative()),
  dynamoReadUnit: z.number().check(z.nonnegative()),
  dynamoWriteUnit: z.number().check(z.nonnegative()),
  snsPublish: z.number().check(z.nonnegative()),
  sqsRequest: z.number().check(z.nonnegative()),
  smsPart: z.number().check(z.nonnegative()),
});
export type Prices = z.infer<typeof pricesSchema>;

export interface Cost {
  operations: Operations;
  /** USD per service, and the total of everything that is not SMS next to the SMS. */
  usd: Record<string, number>;
  platformUsd: number;
  smsUsd: number;
}

export const priceOperations = (operations: Operations, prices: Prices): Cost => {
  const usd = {
    stepFunctions: operations.stateTransitions * prices.stateTransition,
    lambda:
      operations.lambdaInvocations * prices.lambdaRequest +
      operations.lambdaGbSeconds * prices.lambdaGbSecond,
    apiGateway: operations.apiRequests * prices.apiRequest,
    dynamoDb:
      operations.dynamoReadUnits * prices.dynamoReadUnit +
      operations.dynamoWriteUnits * prices.dynamoWriteUnit,
    sns: operations.snsPublishes * prices.snsPublish,
    sqs: operations.sqsRequests * prices.sqsRequest,
    sms: operations.smsParts * prices.smsPart,
  };
  const platformUsd = Object.entries(usd)
    .filter(([service]) => service !== 'sms')
    .reduce((sum, [, value]) => sum + value, 0);
  return { operations, usd, platformUsd, smsUsd: usd.sms };
};

/** The difference between two readings of the counters: what happened in between. */
export const operationsBetween = (before: Operations, after: Operations): Operations =>
  Object.fromEntries(
    Object.keys(after).map((key) => [key, after[key as keyof Operations] - before[key as keyof Operations]]),
  ) as unknown as Operations;
