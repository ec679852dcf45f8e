import * as z from 'zod';
import { idSchema, nisCodeSchema } from './common';
import { mobilePhoneSchema } from './phone';
import { registerVolunteerBodySchema } from './volunteer';

/** Members per request: each costs three writes in the one transaction that registers the whole group. */
export const MAX_GROUP_MEMBERS = 30;

export const registerGroupBodySchema = z
  .object({
    name: z.string().trim().min(2).max(120),
    kind: z.enum(['scouts', 'chiro', 'ksa', 'youth-movement', 'other']),
    contact: z
      .object({
        name: z.string().trim().min(1).max(120),
        phone: mobilePhoneSchema,
        email: z.email().max(254).optional(),
      })
      .strict(),
    members: z.array(registerVolunteerBodySchema).min(1).max(MAX_GROUP_MEMBERS),
  })
  .strict()
  .refine((g) => new Set(g.members.map((m) => m.phone)).size === g.members.length, {
    message: 'each member needs a phone number of their own',
    path: ['members'],
  })
  .meta({ id: 'RegisterGroupBody' });
export type RegisterGroupBody = z.infer<typeof registerGroupBodySchema>;

export const groupSchema = z
  .object({
    id: idSchema,
    municipality: nisCodeSchema,
    name: z.string(),
    kind: z.string(),
    contact: z.object({ name: z.string(), phone: z.string(), email: z.string().optional() }),
    memberIds: z.array(idSchema),
    registeredAt: z.string(),
  })
  .meta({ id: 'Group' });
export type Group = z.infer<typeof groupSchema>;
