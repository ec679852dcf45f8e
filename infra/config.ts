import { z } from 'zod';
import { lifecycleTimingSchema } from '../shared/schemas/help-request';
import { originationNumberSchema } from '../shared/schemas/sms-job';

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
  /**
   * Euro per funded basic course, refresher and simulation: the variable subsidy in the yearly report. Unset, the
   * report prices them at 0 and says so; the targets keep the concept note's defaults (REPORT_TARGET_* to change).
   */
  reportUnitPricesEur: z
    .object({ basic: z.number().min(0), refresher: z.number().min(0), simulation: z.number().min(0) })
    .optional(),
  sms: z
    .object({
      /** Dedicated numbers bought for this stage (E.164); empty: the account's default origination identity. */
      originationNumbers: z.array(originationNumberSchema).default([]),
      /** Message parts per second each number may send: the provider's limit per number (10 for a long code). */
      partsPerSecondPerNumber: z.number().int().positive().default(10),
      /** Account-wide SMS spend cap in USD per month; above the SNS quota it needs a limit increase first. */
      monthlySpendLimitUsd: z.number().int().min(0).default(1),
    })
    .prefault({}),
});
export type StageConfig = z.output<typeof stageConfigSchema>;
