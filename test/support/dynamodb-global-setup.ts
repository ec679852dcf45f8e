import type { TestProject } from 'vitest/node';
import { startDynamoDbLocal } from '../../local/runtime/dynamodb';

declare module 'vitest' {
  export interface ProvidedContext {
    dynamoEndpoint: string;
  }
}

/** One DynamoDB Local (Amazon's, in memory) per test project; each test file creates its own tables in it. */
export default async function setup(project: TestProject) {
  const dynamo = await startDynamoDbLocal();
  project.provide('dynamoEndpoint', dynamo.endpoint);
  return () => dynamo.stop();
}
