import * as z from 'zod';
import { nisCodeSchema } from './common';

/** Widening by hand: the neighbours or named corps (coordinator), a province or all of Flanders (also crisis-centre). */
export const activationBodySchema = z
  .discriminatedUnion('scope', [
    z.object({ scope: z.literal('neighbours') }).strict(),
    z
      .object({ scope: z.literal('municipalities'), municipalities: z.array(nisCodeSchema).min(1).max(50) })
      .strict(),
    z.object({ scope: z.literal('province') }).strict(),
    z.object({ scope: z.literal('flanders') }).strict(),
  ])
  .meta({ id: 'ActivationBody' });
export type ActivationBody = z.infer<typeof activationBodySchema>;
