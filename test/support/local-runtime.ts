import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { type LocalRuntimeOptions, startLocalRuntime } from '../../local/runtime';
import type { TokenRequest } from '../../local/tokens';

/** The embedded runtime on this project's DynamoDB Local, with tables of its own, and a small HTTP client. */
export const startTestRuntime = async (options: LocalRuntimeOptions = {}) => {
  const runtime = await startLocalRuntime({
    dynamoEndpoint: inject('dynamoEndpoint'),
    tablePrefix: `rt${randomBytes(4).toString('hex')}-`,
    timing: { ackTimeoutSeconds: 1, responseWindowSeconds: 1, aftercareWindowSeconds: 1 },
    ...options,
  });
  const call = async (
    method: string,
    path: string,
    options: { token?: string; body?: unknown; headers?: Record<string, string> } = {},
  ) => {
    const response = await fetch(`${runtime.url}${path}`, {
      method,
      headers: {
        'content-type': 'application/json',
        ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
        ...options.headers,
      },
      ...(options.body === undefined
        ? {}
        : { body: typeof options.body === 'string' ? options.body : JSON.stringify(options.body) }),
    });
    const text = await response.text();
    // biome-ignore lint/suspicious/noExplicitAny: response bodies are asserted field by field in the tests.
    return { status: response.status, body: (text ? JSON.parse(text) : undefined) as any };
  };
  const token = (request: TokenRequest) => runtime.tokens.sign(request);
  return { runtime, call, token };
};

/** Polls until `check` returns a value (the lifecycle runs asynchronously), failing after `timeoutMs`. */
export const eventually = async <T>(check: () => Promise<T | undefined>, timeoutMs = 10_000): Promise<T> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
};
