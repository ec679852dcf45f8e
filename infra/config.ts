import { z } from 'zod';
import { lifecycleTimingSchema } from '../shared/schemas/help-request';

/** Per-stage settings: ops change these, never the stacks' code. */
export const stageConfigSchema = z.object({
  stageName: z.string().regex(/^[A-Za-z][A-Za-z0-9-]*$/),
  account: z
    .string()
    .regex(/^\d{12}$/)
    .optional(),
  region: z.enum(['eu-west-1', 'eu-central-1']).default('eu-west-1'),
  /** Production keeps tables on deletion and protects them. */
  production: z.boolean().default(false),
  lifecycleTiming: lifecycleTimingSchema.optional(),
  alarmEmails: z.array(z.email()).default([]),
  logRetentionDays: z.number().int().default(90),
  /** Public routes that write (spontaneous registration): requests per second and burst for the method. */
  publicRegistrationThrottle: z
    .object({ rateLimit: z.number().positive(), burstLimit: z.number().int().positive() })
    .default({ rateLimit: 5, burstLimit: 20 }),
  /** The address citizens see in registration links (a custom domain); the API stage's own URL otherwise. */
  publicBaseUrl: z.url().optional(),
});
export type StageConfig = z.output<typeof stageConfigSchema>;
