import * as z from 'zod';
import { CLAIM_KINDS, CLAIM_STATUSES } from '../domain/claim';
import { idSchema, textSchema } from './common';

/** Either a move along the status machine (a coordinator), or more information (claimant or coordinator), or both. */
export const updateClaimBodySchema = z
  .object({
    status: z.enum(CLAIM_STATUSES).exclude(['submitted']).optional(),
    reason: textSchema(500).optional(),
    information: textSchema(2000).optional(),
  })
  .strict()
  .refine((body) => body.status !== undefined || body.information !== undefined, {
    path: ['status'],
    message: 'give a status, information, or both',
  })
  .refine((body) => (body.status === 'rejected') === (body.reason !== undefined), {
    path: ['reason'],
    message: 'a reason goes with a rejection, and only with one',
  })
  .meta({ id: 'UpdateClaimBody' });
export type UpdateClaimBody = z.infer<typeof updateClaimBodySchema>;

export const claimListQuerySchema = z
  .object({ volunteerId: idSchema.optional(), requestId: idSchema.optional() })
  .refine((query) => !(query.volunteerId && query.requestId), {
    path: ['requestId'],
    message: 'give volunteerId or requestId, not both',
  });

export const ATTACHMENT_CONTENT_TYPES = ['image/jpeg', 'image/png', 'image/heic', 'application/pdf'] as const;
/** A phone photo or a scanned medical certificate; larger files are not evidence a claim needs. */
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;
export const MAX_ATTACHMENTS = 10;

export const attachmentBodySchema = z
  .object({
    fileName: textSchema(120).regex(/^[^/\\]+$/, 'a file name without a path'),
    contentType: z.enum(ATTACHMENT_CONTENT_TYPES),
    size: z.number().int().positive().max(MAX_ATTACHMENT_BYTES),
  })
  .strict()
  .meta({ id: 'AttachmentBody' });
export type AttachmentBody = z.infer<typeof attachmentBodySchema>;

const attachmentSchema = attachmentBodySchema.extend({
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
  .meta({ id: 'AttachmentUpload' });
export type AttachmentUpload = z.infer<typeof attachmentUploadSchema>;

export const claimSchema = z
  .object({
    id: idSchema,
    requestId: idSchema,
    /** The request's municipality. */
    municipality: z.string(),
    /** Corps members only: a spontaneous claimant's claim keeps no link to their (purged) registration. */
    volunteerId: idSchema.optional(),
    /** A copy of who claims, for the insurer: it outlives the purge of a spontaneous volunteer's registration. */
    claimant: z.object({
      name: z.string(),
      /** Absent once the claimant was erased: the claim sends no more SMS. */
      phone: z.string().optional(),
      language: z.enum(['nl', 'fr', 'en']),
      spontaneous: z.boolean(),
      /** The member was erased: the claim is kept for the insurer, with their name only and no link to them. */
      erased: z.literal(true).optional(),
    }),
    kind: z.enum(CLAIM_KINDS),
    occurredAt: z.string(),
    location: z.string(),
    description: z.string(),
    injuries: z.string().optional(),
    damage: z.string().optional(),
    witnesses: z.array(z.object({ name: z.string(), phone: z.string().optional() })),
    /** The coverage periods of the deployment when the claim was filed: the insurer's proof of cover. */
    coverage: z.array(z.object({ from: z.string(), to: z.string().optional() })),
    status: z.enum(CLAIM_STATUSES),
    statusReason: z.string().optional(),
    history: z.array(z.object({ status: z.enum(CLAIM_STATUSES), at: z.string(), by: z.string() })),
    information: z.array(z.object({ at: z.string(), by: z.string(), text: z.string() })),
    attachments: z.array(attachmentSchema),
    filedAt: z.string(),
    filedBy: z.string(),
    /**
     * Set when the claim is settled or rejected: the day it and its attachments are deleted (insurance files are kept
     * `claimRetentionYears` after that). An open claim has none and is never deleted automatically.
     */
    retainUntil: z.string().optional(),
  })
  .meta({ id: 'Claim' });
export type Claim = z.infer<typeof claimSchema>;
