import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Context } from 'aws-lambda';
import { PROJECT_ROOT } from '../../infra/constructs/handler-function';

/** What a Lambda handler gets as its context, enough for Powertools (idempotency, batch) to run in process. */
export const lambdaContext = (functionName: string, timeoutMs = 30_000): Context => {
  const deadline = Date.now() + timeoutMs;
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:eu-west-1:000000000000:function:${functionName}`,
    memoryLimitInMB: '512',
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
};

// biome-ignore lint/suspicious/noExplicitAny: every Lambda handler shape is accepted here.
export type AnyHandler = (event: any, context: Context) => Promise<any>;

/** Imports a function's entry point and builds its handler with the given ports (see `makeHandler`). */
export const loadHandler = async (entry: string, ports: unknown): Promise<AnyHandler> => {
  const url = pathToFileURL(path.join(PROJECT_ROOT, entry)).href;
  const module = (await import(/* @vite-ignore */ url)) as { makeHandler: (ports: unknown) => AnyHandler };
  return module.makeHandler(ports);
};
