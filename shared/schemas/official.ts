import * as z from 'zod/mini';
import { OFFICIAL_LOCALES, OFFICIAL_ROLES } from '../domain/officials';
import { textSchema } from './common';

export const inviteOfficialBodySchema = z
  .strictObject({
    email: z
      .email({ message: 'an e-mail address' })
      .check(
        z.maxLength(254),
        z.meta({ description: 'where the invitation goes; the official signs in with it' }),
      ),
    name: textSchema(100).check(
      z.meta({ description: 'the name shown on the officials and requesters lists' }),
    ),
    role: z.enum(OFFICIAL_ROLES, { message: `one of ${OFFICIAL_ROLES.join(', ')}` }),
    locale: z
      ._default(z.enum(OFFICIAL_LOCALES, { message: `one of ${OFFICIAL_LOCALES.join(', ')}` }), 'nl')
      .check(z.meta({ description: "the invitation's language and the account's locale" })),
  })
  .register(z.globalRegistry, { id: 'InviteOfficialBody' });
export type InviteOfficialBody = z.infer<typeof inviteOfficialBodySchema>;

export const officialSchema = z
  .object({
    id: z
      .string()
      .check(z.meta({ description: "the account's sub: what the requesters list and audit trail name" })),
    municipality: z.string(),
    email: z.string(),
    name: z.string(),
    role: z.enum(OFFICIAL_ROLES),
    locale: z.enum(OFFICIAL_LOCALES),
    status: z.enum(['invited', 'active', 'disabled']),
    invitedAt: z.string(),
    invitedBy: z.string().check(z.meta({ description: 'the sub of who invited' })),
    removedAt: z.optional(z.string()),
    removedBy: z.optional(z.string()),
  })
  .register(z.globalRegistry, { id: 'Official' });
export type Official = z.infer<typeof officialSchema>;

export const officialListSchema = z
  .object({ officials: z.array(officialSchema) })
  .register(z.globalRegistry, { id: 'OfficialList' });
