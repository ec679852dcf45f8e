import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { type LocalRuntimeOptions, startLocalRuntime } from '../../local/runtime/runtime';
import type { TokenRequest } from '../../local/runtime/tokens';
import { apiClient } from '../../local/scenarios/api-client';

export { eventually, until } from '../../local/scenarios/eventually';

/** The embedded runtime on this project's DynamoDB Local, with tables of its own, and a small HTTP client. */
export const startTestRuntime = async (options: LocalRuntimeOptions = {}) => {
  const runtime = await startLocalRuntime({
    dynamoEndpoint: inject('dynamoEndpoint'),
    tablePrefix: `rt${randomBytes(4).toString('hex')}-`,
    timing: { ackTimeoutSeconds: 1, responseWindowSeconds: 1, aftercareWindowSeconds: 1 },
    ...options,
  });
  const call = apiClient(runtime.url);
  const token = (request: TokenRequest) => runtime.tokens.sign(request);
  return { runtime, call, token };
};
