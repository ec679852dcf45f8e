import * as z from 'zod/mini';
import { CLAIM_KINDS, CLAIM_STATUSES, type ClaimStatus } from '../domain/claim';
import { idSchema, textSchema } from './common';

/** The statuses a claim can be moved to: every one but the one it is filed in. */
const MOVES = CLAIM_STATUSES.filter(
  (status): status is Exclude<ClaimStatus, 'submitted'> => status !== 'submitted',
);

/** Either a move along the status machine (a coordinator), or more information (claimant or coordinator), or both. */
export const updateClaimBodySchema = z
  .strictObject({
    status: z.optional(z.enum(MOVES)),
    reason: z.optional(textSchema(500)),
    information: z.optional(textSchema(2000)),
  })
  .check(
    z.refine((body) => body.status !== undefined || body.information !== undefined, {
      path: ['status'],
      message: 'give a status, information, or both',
    }),
    z.refine((body) => (body.status === 'rejected') === (body.reason !== undefined), {
      path: ['reason'],
      message: 'a reason goes with a rejection, and only with one',
    }),
  )
  .register(z.globalRegistry, { id: 'UpdateClaimBody' });
export type UpdateClaimBody = z.infer<typeof updateClaimBodySchema>;

export const claimListQuerySchema = z
  .object({ volunteerId: z.optional(idSchema), requestId: z.optional(idSchema) })
  .check(
    z.refine((query) => !(query.volunteerId && query.requestId), {
      path: ['requestId'],
      message: 'give volunteerId or requestId, not both',
    }),
  );

export const ATTACHMENT_CONTENT_TYPES = ['image/jpeg', 'image/png', 'image/heic', 'application/pdf'] as const;
/** A phone photo or a scanned medical certificate; larger files are not evidence a claim needs. */
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;
export const MAX_ATTACHMENTS = 10;

export const attachmentBodySchema = z
  .strictObject({
    fileName: textSchema(120).check(z.regex(/^[^/\\]+$/, 'a file name without a path')),
    contentType: z.enum(ATTACHMENT_CONTENT_TYPES),
    size: z.int().check(z.positive(), z.maximum(MAX_ATTACHMENT_BYTES)),
  })
  .register(z.globalRegistry, { id: 'AttachmentBody' });
export type AttachmentBody = z.infer<typeof attachmentBodySchema>;

const attachmentSchema = z.extend(attachmentBodySchema, {
  id: idSchema,
  addedAt: z.string(),
  addedBy: z.string(),
});
export type Attachment = z.infer<typeof attachmentSchema>;

export const attachmentUploadSchema = z
  .object({
    attachment: attachmentSchema,
    upload: z.object({
      method: z.literal('PUT'),
      url: z.url(),
      /** Send exactly these headers with the file, or the signature does not match. */
      headers: z.record(z.string(), z.string()),
      expiresAt: z.string(),
    }),
  })
  .register(z.globalRegistry, { id: 'AttachmentUpload' });
export type AttachmentUpload = z.infer<typeof attachmentUploadSchema>;

export const claimSchema = z
  .object({
    id: idSchema,
    requestId: idSchema,
    /** The request's municipality. */
    municipality: z.string(),
    /** Corps members only: a spontaneous claimant's claim keeps no link to their (purged) registration. */
    volunteerId: z.optional(idSchema),
    /** A copy of who claims, for the insurer: it outlives the purge of a spontaneous volunteer's registration. */
    claimant: z.object({
      name: z.string(),
      /** Absent once the claimant was erased: the claim sends no more SMS. */
      phone: z.optional(z.string()),
      language: z.enum(['nl', 'fr', 'en']),
      spontaneous: z.boolean(),
      /** The member was erased: the claim is kept for the insurer, with their name only and no link to them. */
      erased: z.optional(z.literal(true)),
    }),
    kind: z.enum(CLAIM_KINDS),
    occurredAt: z.string(),
    location: z.string(),
    description: z.string(),
    injuries: z.optional(z.string()),
    damage: z.optional(z.string()),
    witnesses: z.array(z.object({ name: z.string(), phone: z.optional(z.string()) })),
    /** The coverage periods of the deployment when the claim was filed: the insurer's proof of cover. */
    coverage: z.array(z.object({ from: z.string(), to: z.optional(z.string()) })),
    status: z.enum(CLAIM_STATUSES),
    statusReason: z.optional(z.string()),
    history: z.array(z.object({ status: z.enum(CLAIM_STATUSES), at: z.string(), by: z.string() })),
    information: z.array(z.object({ at: z.string(), by: z.string(), text: z.string() })),
    attachments: z.array(attachmentSchema),
    filedAt: z.string(),
    filedBy: z.string(),
    /**
     * Set when the claim is settled or rejected: the day it and its attachments are deleted (insurance files are kept
     * `claimRetentionYears` after that). An open claim has none and is never deleted automatically.
     */
    retainUntil: z.optional(z.string()),
  })
  .register(z.globalRegistry, { id: 'Claim' });
export type Claim = z.infer<typeof claimSchema>;
