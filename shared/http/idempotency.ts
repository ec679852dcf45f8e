import { IdempotencyConfig } from '@aws-lambda-powertools/idempotency';
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import { makeHandlerIdempotent } from '@aws-lambda-powertools/idempotency/middleware';
import * as z from 'zod/mini';
import { oncePerEnvironment, readVariable } from '../config';
import { VARIABLES } from '../manifest/environment';
import { dynamoClient } from '../store/dynamo-client';

/** Powertools' idempotency records, in their own table with a TTL (they expire after a day). */
const idempotencyStore = oncePerEnvironment(
  (env) =>
    new DynamoDBPersistenceLayer({
      tableName: readVariable(VARIABLES.tables.idempotency, z.string().check(z.minLength(1)), env),
      awsSdkV3Client: dynamoClient(),
    }),
);

/**
 * For the POST routes whose retries with the same `Idempotency-Key` replay the first response. Only they import
 * this module, so only they bundle Powertools idempotency.
 */
export const idempotentRequests = (keyPrefix: string) =>
  makeHandlerIdempotent({
    persistenceStore: idempotencyStore(),
    keyPrefix,
    config: new IdempotencyConfig({
      // Scoped to the caller: two officials who happen to pick the same key never see each other's response.
      eventKeyJmesPath:
        'headers."idempotency-key" && [requestContext.authorizer.claims.sub, headers."idempotency-key"]',
      // The parsed body, which Powertools hashes with its keys sorted: the same JSON in another order or layout is a replay.
      payloadValidationJmesPath: "powertools_json(body || 'null')",
      expiresAfterSeconds: 24 * 3600,
    }),
  });
