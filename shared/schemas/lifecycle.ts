import * as z from 'zod';
import { idSchema } from './common';

/*
 * The lifecycle's settings and execution input, apart from the help request's schemas: every function reads them at
 * cold start, and a bundle should not carry the request's schemas for it.
 */

export const lifecycleTimingSchema = z
  .object({
    ackTimeoutSeconds: z.number().int().min(1),
    responseWindowSeconds: z.number().int().min(1),
    /** How long one wave of alerts is given before the next wave goes out; the response window when unset. */
    waveWindowSeconds: z.number().int().min(1).optional(),
    aftercareWindowSeconds: z.number().int().min(0),
  })
  .strict();
export type LifecycleTiming = z.infer<typeof lifecycleTimingSchema>;

/** How many members one wave of alerts reaches per task: a multiple of what the task lacks, and a minimum. */
export const alertWavesSchema = z
  .object({ multiplier: z.number().int().min(1).max(100), minimum: z.number().int().min(1).max(15000) })
  .strict();
export type AlertWaves = z.infer<typeof alertWavesSchema>;

/** The input of every lifecycle execution; states add their results under their own keys. */
export const lifecycleInputSchema = z.object({ requestId: idSchema, timing: lifecycleTimingSchema });
export type LifecycleInput = z.infer<typeof lifecycleInputSchema>;
