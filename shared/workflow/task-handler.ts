import middy from '@middy/core';
import type { z } from 'zod';
import { logger } from '../observability/logger';

/** A lifecycle task: validates the state input, logs ids and outcome (never personal data), returns the result. */
export const taskHandler = <S extends z.ZodType, R>(
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
  });
