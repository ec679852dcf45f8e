import * as z from 'zod/mini';
import { idSchema } from './common';

/*
 * The lifecycle's settings and execution input, apart from the help request's schemas: every function reads them at
 * cold start, and a bundle should not carry the request's schemas for it.
 */

export const lifecycleTimingSchema = z.strictObject({
  ackTimeoutSeconds: z.int().check(z.minimum(1)),
  responseWindowSeconds: z.int().check(z.minimum(1)),
  /** How long one wave of alerts is given before the next wave goes out; the response window when unset. */
  waveWindowSeconds: z.optional(z.int().check(z.minimum(1))),
  aftercareWindowSeconds: z.int().check(z.minimum(0)),
});
export type LifecycleTiming = z.infer<typeof lifecycleTimingSchema>;

/** How many members one wave of alerts reaches per task: a multiple of what the task lacks, and a minimum. */
export const alertWavesSchema = z.strictObject({
  multiplier: z.int().check(z.minimum(1), z.maximum(100)),
  minimum: z.int().check(z.minimum(1), z.maximum(15000)),
});
export type AlertWaves = z.infer<typeof alertWavesSchema>;

/** The input of every lifecycle execution; states add their results under their own keys. */
export const lifecycleInputSchema = z.object({ requestId: idSchema, timing: lifecycleTimingSchema });
export type LifecycleInput = z.infer<typeof lifecycleInputSchema>;
