import * as z from 'zod/mini';
import { CLAIM_KINDS } from '../domain/claim';
import { idSchema, textSchema } from './common';
import { mobilePhoneSchema } from './phone';

const instantSchema = z.iso.datetime({
  offset: true,
  message: 'an ISO 8601 date-time, e.g. 2026-03-02T14:30:00Z',
});

// Apart from claim.ts: only the route filing claims validates phone numbers (witnesses'), so only it bundles that.
const witnessSchema = z
  .strictObject({ name: textSchema(120), phone: z.optional(mobilePhoneSchema) })
  .register(z.globalRegistry, { id: 'ClaimWitness' });

/** The claim form (aangifteformulier): what happened, when and where, to whom or what. */
export const fileClaimBodySchema = z
  .strictObject({
    requestId: idSchema,
    /** The claimant; a volunteer files for themselves (their token's id), a coordinator for anyone deployed. */
    volunteerId: idSchema,
    kind: z.enum(CLAIM_KINDS),
    occurredAt: instantSchema,
    location: textSchema(200),
    description: textSchema(2000),
    injuries: z.optional(textSchema(1000)),
    damage: z.optional(textSchema(1000)),
    witnesses: z._default(z.array(witnessSchema).check(z.maxLength(10)), []),
  })
  .check(
    z.refine((body) => body.kind !== 'bodily-accident' || body.injuries, {
      path: ['injuries'],
      message: 'required for a bodily accident',
    }),
    z.refine((body) => body.kind !== 'civil-liability' || body.damage, {
      path: ['damage'],
      message: 'required for civil liability: the damage caused',
    }),
  )
  .register(z.globalRegistry, { id: 'FileClaimBody' });
export type FileClaimBody = z.infer<typeof fileClaimBodySchema>;
