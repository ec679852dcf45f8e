import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import * as z from 'zod';
import { once, parseEnv } from '../config';
import { dynamoClient } from '../store/dynamo-client';

/** Powertools' idempotency records, in their own table with a TTL (they expire after a day). */
export const idempotencyStore = once(
  () =>
    new DynamoDBPersistenceLayer({
      tableName: parseEnv({ IDEMPOTENCY_TABLE: z.string().min(1) }).IDEMPOTENCY_TABLE,
      awsSdkV3Client: dynamoClient(),
    }),
);
