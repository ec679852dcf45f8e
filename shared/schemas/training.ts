import * as z from 'zod';
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
  .min(1)
  .max(64)
  .regex(/^[a-z0-9-]+$/, 'lowercase letters, digits and hyphens')
  .meta({ description: 'slug of a training provider', example: 'rode-kruis-vlaanderen' });

const charterSchema = z
  .enum(PROVIDER_CHARTERS)
  .meta({ description: 'how the provider meets the quality charter' });
const kindSchema = z.enum(TRAINING_KINDS);

export const putTrainingProviderBodySchema = z
  .object({
    name: z.string().trim().min(1).max(120),
    charter: charterSchema,
  })
  .strict()
  .meta({ id: 'PutTrainingProviderBody' });
export type PutTrainingProviderBody = z.infer<typeof putTrainingProviderBodySchema>;

export const trainingProviderSchema = z
  .object({
    id: providerIdSchema,
    name: z.string(),
    charter: charterSchema,
    updatedAt: z.string(),
  })
  .meta({ id: 'TrainingProvider' });
export type TrainingProvider = z.infer<typeof trainingProviderSchema>;

export const recordTrainingBodySchema = z
  .object({
    kind: kindSchema,
    providerId: providerIdSchema,
    date: isoDateSchema.meta({ description: 'the day the course was followed; not in the future' }),
  })
  .strict()
  .meta({ id: 'RecordTrainingBody' });
export type RecordTrainingBody = z.infer<typeof recordTrainingBodySchema>;

// `satisfies` keeps the wire shapes and the domain types from drifting apart.
export const trainingRecordSchema = z
  .object({
    id: idSchema,
    kind: kindSchema,
    providerId: providerIdSchema,
    date: isoDateSchema,
    funded: z.boolean().meta({ description: 'paid by the Flemish subsidy' }),
    recordedAt: z.string(),
  })
  .meta({ id: 'TrainingRecord' }) satisfies z.ZodType<TrainingRecord>;

export const trainingStatusSchema = z
  .object({
    deployable: z.boolean(),
    basicDone: z.boolean(),
    lastQualifyingDate: isoDateSchema.optional(),
    refresherDueThisYear: z.boolean(),
    simulationDueThisYear: z.boolean(),
  })
  .meta({ id: 'TrainingStatus' }) satisfies z.ZodType<TrainingStatus>;
