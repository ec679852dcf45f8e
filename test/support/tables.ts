import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { createTables, tableEnvironment } from '../../local/runtime/dynamodb';
import { synthesizeSystem } from '../../local/runtime/synth';

/**
 * Creates the data stack's tables under a prefix of this test file's own in the project's DynamoDB Local and
 * points the table environment variables at them, as CDK does for a function. TTL stays off: these tests run on
 * clocks set in the past, whose `expiresAt` DynamoDB Local would honour within seconds, and a deletion proof must
 * never owe anything to the TTL backstop.
 */
export const createTestTables = async () => {
  const endpoint = inject('dynamoEndpoint');
  const prefix = `t${randomBytes(4).toString('hex')}-`;
  const tables = await createTables(endpoint, synthesizeSystem().tables, prefix, { timeToLive: false });
  Object.assign(process.env, { AWS_ENDPOINT_URL_DYNAMODB: endpoint, ...tableEnvironment(tables) });
  return { endpoint, prefix, tables };
};
