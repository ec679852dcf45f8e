import * as z from 'zod/mini';
import { ACTIVATION_SCOPES, type ActivationScope } from '../domain/activation';
import { idSchema, nisCodeSchema } from './common';

/** The governor's or the crisis centre's decision declaring the phase: required for province and Flanders scopes. */
const phaseReferenceSchema = z.string().check(
  z.trim(),
  z.minLength(1),
  z.maxLength(100),
  z.meta({
    description:
      "reference of the declared provincial or federal phase (e.g. the governor's decision); required for scope province and flanders (422 declared-phase-required), ignored otherwise",
  }),
);

/** Widening by hand: the neighbours or named corps (coordinator), a province or all of Flanders (also crisis-centre). */
export const activationBodySchema = z
  .discriminatedUnion('scope', [
    z.strictObject({ scope: z.literal('neighbours'), phaseReference: z.optional(phaseReferenceSchema) }),
    z.strictObject({
      scope: z.literal('municipalities'),
      municipalities: z.array(nisCodeSchema).check(z.minLength(1), z.maxLength(50)),
      phaseReference: z.optional(phaseReferenceSchema),
    }),
    z.strictObject({ scope: z.literal('province'), phaseReference: z.optional(phaseReferenceSchema) }),
    z.strictObject({ scope: z.literal('flanders'), phaseReference: z.optional(phaseReferenceSchema) }),
  ])
  .register(z.globalRegistry, { id: 'ActivationBody' });
export type ActivationBody = z.infer<typeof activationBodySchema>;

/** What the call did: the scope now, the corps it adds, and the activation that mobilises them in the background. */
export const activationResultSchema = z
  .object({
    activationId: z.optional(idSchema).check(
      z.meta({
        description:
          'the activation mobilising the added corps, followed under `activations` on the request; absent when every corps named was in scope already',
      }),
    ),
    scope: z.array(nisCodeSchema),
    added: z.array(nisCodeSchema),
  })
  .register(z.globalRegistry, { id: 'ActivationResult' });
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
    phaseReference: z.optional(z.string()),
    status: z.enum(['running', 'done', 'partial']).check(
      z.meta({
        description:
          '`partial`: finished, but some corps could not be mobilised after retries (`municipalities.failed`)',
      }),
    ),
    municipalities: z.object({
      total: z.int().check(z.nonnegative()),
      done: z.int().check(z.nonnegative()),
      failed: z.array(nisCodeSchema),
    }),
    alerted: z
      .int()
      .check(
        z.nonnegative(),
        z.meta({ description: 'members of the corps done so far who are alerted for the request' }),
      ),
    startedAt: z.string(),
    finishedAt: z.optional(z.string()),
  })
  .register(z.globalRegistry, { id: 'ActivationProgress' });
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
