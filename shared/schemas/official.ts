import * as z from 'zod';
import { OFFICIAL_LOCALES, OFFICIAL_ROLES } from '../domain/officials';
import { textSchema } from './common';

export const inviteOfficialBodySchema = z
  .object({
    email: z
      .email({ message: 'an e-mail address' })
      .max(254)
      .meta({ description: 'where the invitation goes; the official signs in with it' }),
    name: textSchema(100).meta({ description: 'the name shown on the officials and requesters lists' }),
    role: z.enum(OFFICIAL_ROLES, { message: `one of ${OFFICIAL_ROLES.join(', ')}` }),
    locale: z
      .enum(OFFICIAL_LOCALES, { message: `one of ${OFFICIAL_LOCALES.join(', ')}` })
      .default('nl')
      .meta({ description: "the invitation's language and the account's locale" }),
  })
  .strict()
  .meta({ id: 'InviteOfficialBody' });
export type InviteOfficialBody = z.infer<typeof inviteOfficialBodySchema>;

export const officialSchema = z
  .object({
    id: z.string().meta({ description: "the account's sub: what the requesters list and audit trail name" }),
    municipality: z.string(),
    email: z.string(),
    name: z.string(),
    role: z.enum(OFFICIAL_ROLES),
    locale: z.enum(OFFICIAL_LOCALES),
    status: z.enum(['invited', 'active', 'disabled']),
    invitedAt: z.string(),
    invitedBy: z.string().meta({ description: 'the sub of who invited' }),
    removedAt: z.string().optional(),
    removedBy: z.string().optional(),
  })
  .meta({ id: 'Official' });
export type Official = z.infer<typeof officialSchema>;

export const officialListSchema = z
  .object({ officials: z.array(officialSchema) })
  .meta({ id: 'OfficialList' });
