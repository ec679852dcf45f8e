import { z } from 'zod';
import { nisCodeSchema } from '../shared/schemas/common';
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
  /** WAF rate limits per client IP per 5 minutes (the WAF minimum is 10): any request, public registrations. */
  firewall: z
    .object({
      requestsPerIp: z.number().int().min(10).default(1500),
      registrationsPerIp: z.number().int().min(10).default(50),
    })
    .prefault({}),
  /**
   * Municipal crisis software that launches and follows help requests without a person signing in: one Cognito
   * app client (client credentials) each, bound to its municipality by a scope. The municipal-admin still names
   * the client's id as a requester.
   */
  machineClients: z
    .array(
      z.object({
        name: z.string().regex(/^[A-Za-z][A-Za-z0-9]*$/),
        municipality: nisCodeSchema,
        /** Read-only clients follow requests; writers launch them too. */
        access: z.enum(['read', 'write']).default('write'),
      }),
    )
    .default([])
    .refine(
      (clients) => new Set(clients.map((c) => c.name)).size === clients.length,
      'client names must be unique',
    )
    // A Cognito resource server holds 100 scopes: the two help-request scopes and one per municipality.
    .refine(
      (clients) => new Set(clients.map((c) => c.municipality)).size <= 98,
      'at most 98 municipalities can have machine clients',
    ),
  /** Prefix of the Cognito domain whose token endpoint machine clients use; unique per region across AWS. */
  authDomainPrefix: z
    .string()
    .regex(/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/)
    .optional(),
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
