import middy from '@middy/core';
import * as z from 'zod/mini';
import { logger } from '../observability/logger';
import { observability } from '../observability/powertools';

/**
 * A lifecycle task: validates the state input, logs ids and outcome (never personal data), returns the result.
 */
export const taskHandler = <S extends z.ZodMiniType, R>(
  name: string,
  input: S,
  task: (input: z.output<S>) => Promise<R>,
) =>
  middy(async (event: unknown): Promise<R> => {
    const parsed = input.parse(event);
    const result = await task(parsed);
    logger.info(`${name} done`, {
      requestId: (parsed as { requestId?: string }).requestId,
      result: result as object,
    });
    return result;
  }).use(
    // The request id is the execution's name: one correlation id across the API, the lifecycle and the SMS.
    observability<unknown>((event) => (event as { requestId?: unknown } | undefined)?.requestId as string),
  );

const requestInput = z.object({ requestId: z.string() });

/** The common shape: a task that takes the request id from the state input and acts on that request. */
export const requestTaskHandler = <R>(name: string, task: (requestId: string) => Promise<R>) =>
  taskHandler(name, requestInput, ({ requestId }) => task(requestId));
