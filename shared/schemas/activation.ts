import * as z from 'zod';
import { ACTIVATION_SCOPES, type ActivationScope } from '../domain/activation';
import { idSchema, nisCodeSchema } from './common';

/** The governor's or the crisis centre's decision declaring the phase: required for province and Flanders scopes. */
const phaseReferenceSchema = z.string().trim().min(1).max(100).meta({
  description:
    "reference of the declared provincial or federal phase (e.g. the governor's decision); required for scope province and flanders (422 declared-phase-required), ignored otherwise",
});

/** Widening by hand: the neighbours or named corps (coordinator), a province or all of Flanders (also crisis-centre). */
export const activationBodySchema = z
  .discriminatedUnion('scope', [
    z.object({ scope: z.literal('neighbours'), phaseReference: phaseReferenceSchema.optional() }).strict(),
    z
      .object({
        scope: z.literal('municipalities'),
        municipalities: z.array(nisCodeSchema).min(1).max(50),
        phaseReference: phaseReferenceSchema.optional(),
      })
      .strict(),
    z.object({ scope: z.literal('province'), phaseReference: phaseReferenceSchema.optional() }).strict(),
    z.object({ scope: z.literal('flanders'), phaseReference: phaseReferenceSchema.optional() }).strict(),
  ])
  .meta({ id: 'ActivationBody' });
export type ActivationBody = z.infer<typeof activationBodySchema>;

/** What the call did: the scope now, the corps it adds, and the activation that mobilises them in the background. */
export const activationResultSchema = z
  .object({
    activationId: idSchema.optional().meta({
      description:
        'the activation mobilising the added corps, followed under `activations` on the request; absent when every corps named was in scope already',
    }),
    scope: z.array(nisCodeSchema),
    added: z.array(nisCodeSchema),
  })
  .meta({ id: 'ActivationResult' });
export type ActivationResult = z.infer<typeof activationResultSchema>;

/** An activation as stored: the corps it adds, and which of them are mobilised so far. */
export interface Activation {
  id: string;
  requestId: string;
  scope: ActivationScope;
  phaseReference?: string;
  municipalities: string[];
  /** The corps whose mobilisation finished, and how many of their members are alerted for the request. */
  done?: Set<string>;
  alerted: number;
  /** The corps whose mobilisation failed after its retries. */
  failed?: string[];
  startedAt: string;
  finishedAt?: string;
}

/** How far an activation got, as the request shows it: counts only. */
export const activationProgressSchema = z
  .object({
    id: idSchema,
    scope: z.enum(ACTIVATION_SCOPES),
    phaseReference: z.string().optional(),
    status: z.enum(['running', 'done', 'partial']).meta({
      description:
        '`partial`: finished, but some corps could not be mobilised after retries (`municipalities.failed`)',
    }),
    municipalities: z.object({
      total: z.number().int().nonnegative(),
      done: z.number().int().nonnegative(),
      failed: z.array(nisCodeSchema),
    }),
    alerted: z
      .number()
      .int()
      .nonnegative()
      .meta({ description: 'members of the corps done so far who are alerted for the request' }),
    startedAt: z.string(),
    finishedAt: z.string().optional(),
  })
  .meta({ id: 'ActivationProgress' });
export type ActivationProgress = z.infer<typeof activationProgressSchema>;

/** What each corps' branch of the activation's Map ended with: its count, or a failure after its retries. */
export const municipalityOutcomeSchema = z.union([
  z.object({ municipality: z.string(), failed: z.literal(true) }),
  z.object({ municipality: z.string(), alerted: z.number() }),
]);
export type MunicipalityOutcome = z.infer<typeof municipalityOutcomeSchema>;

/** The input of an activation's execution: ids only, so 285 corps fit the state payload. */
export const activationInputSchema = z.object({
  requestId: idSchema,
  activationId: idSchema,
  municipalities: z.array(nisCodeSchema),
});
export type ActivationInput = z.infer<typeof activationInputSchema>;
