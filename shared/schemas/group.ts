import * as z from 'zod/mini';
import { idSchema, nisCodeSchema } from './common';
import { mobilePhoneSchema } from './phone';
import { registerVolunteerBodySchema } from './volunteer';

/** Members per request: each costs three writes in the one transaction that registers the whole group. */
export const MAX_GROUP_MEMBERS = 30;

export const registerGroupBodySchema = z
  .strictObject({
    name: z.string().check(z.trim(), z.minLength(2), z.maxLength(120)),
    kind: z.enum(['scouts', 'chiro', 'ksa', 'youth-movement', 'other']),
    contact: z.strictObject({
      name: z.string().check(z.trim(), z.minLength(1), z.maxLength(120)),
      phone: mobilePhoneSchema,
      email: z.optional(z.email().check(z.maxLength(254))),
    }),
    members: z.array(registerVolunteerBodySchema).check(z.minLength(1), z.maxLength(MAX_GROUP_MEMBERS)),
  })
  .check(
    z.refine((g) => new Set(g.members.map((m) => m.phone)).size === g.members.length, {
      message: 'each member needs a phone number of their own',
      path: ['members'],
    }),
  )
  .register(z.globalRegistry, { id: 'RegisterGroupBody' });
export type RegisterGroupBody = z.infer<typeof registerGroupBodySchema>;

export const groupSchema = z
  .object({
    id: idSchema,
    municipality: nisCodeSchema,
    name: z.string(),
    kind: z.string(),
    contact: z.object({ name: z.string(), phone: z.string(), email: z.optional(z.string()) }),
    memberIds: z.array(idSchema),
    registeredAt: z.string(),
  })
  .register(z.globalRegistry, { id: 'Group' });
export type Group = z.infer<typeof groupSchema>;
