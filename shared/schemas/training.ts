import * as z from 'zod/mini';
import {
  PROVIDER_CHARTERS,
  TRAINING_KINDS,
  type TrainingRecord,
  type TrainingStatus,
} from '../domain/training';
import { idSchema, isoDateSchema } from './common';

/** Providers are named by a slug chosen by whoever registers them (PUT /training-providers/{id}). */
export const providerIdSchema = z
  .string()
  .check(
    z.minLength(1),
    z.maxLength(64),
    z.regex(/^[a-z0-9-]+$/, 'lowercase letters, digits and hyphens'),
    z.meta({ description: 'slug of a training provider', example: 'rode-kruis-vlaanderen' }),
  );

const charterSchema = z
  .enum(PROVIDER_CHARTERS)
  .check(z.meta({ description: 'how the provider meets the quality charter' }));
const kindSchema = z.enum(TRAINING_KINDS);

export const putTrainingProviderBodySchema = z
  .strictObject({
    name: z.string().check(z.trim(), z.minLength(1), z.maxLength(120)),
    charter: charterSchema,
  })
  .register(z.globalRegistry, { id: 'PutTrainingProviderBody' });
export type PutTrainingProviderBody = z.infer<typeof putTrainingProviderBodySchema>;

export const trainingProviderSchema = z
  .object({
    id: providerIdSchema,
    name: z.string(),
    charter: charterSchema,
    updatedAt: z.string(),
  })
  .register(z.globalRegistry, { id: 'TrainingProvider' });
export type TrainingProvider = z.infer<typeof trainingProviderSchema>;

export const recordTrainingBodySchema = z
  .strictObject({
    kind: kindSchema,
    providerId: providerIdSchema,
    date: isoDateSchema.check(z.meta({ description: 'the day the course was followed; not in the future' })),
  })
  .register(z.globalRegistry, { id: 'RecordTrainingBody' });
export type RecordTrainingBody = z.infer<typeof recordTrainingBodySchema>;

// `satisfies` keeps the wire shapes and the domain types from drifting apart.
export const trainingRecordSchema = z
  .object({
    id: idSchema,
    kind: kindSchema,
    providerId: providerIdSchema,
    date: isoDateSchema,
    funded: z.boolean().check(z.meta({ description: 'paid by the Flemish subsidy' })),
    recordedAt: z.string(),
  })
  .register(z.globalRegistry, { id: 'TrainingRecord' }) satisfies z.ZodMiniType<TrainingRecord>;

export const trainingStatusSchema = z
  .object({
    deployable: z.boolean(),
    basicDone: z.boolean(),
    lastQualifyingDate: z.optional(isoDateSchema),
    refresherDueThisYear: z.boolean(),
    simulationDueThisYear: z.boolean(),
  })
  .register(z.globalRegistry, { id: 'TrainingStatus' }) satisfies z.ZodMiniType<TrainingStatus>;
