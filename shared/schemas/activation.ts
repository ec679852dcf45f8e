import * as z from 'zod';
import { nisCodeSchema } from './common';

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

/** What a widening did: the scope now, the corps it added and how many volunteers it alerted. */
export const activationResultSchema = z
  .object({
    scope: z.array(nisCodeSchema),
    added: z.array(nisCodeSchema),
    alerted: z.number().int().nonnegative(),
  })
  .meta({ id: 'ActivationResult' });
export type ActivationResult = z.infer<typeof activationResultSchema>;
