import { z } from 'zod';
import { idSchema, isoDateSchema, mobilePhoneSchema, nisCodeSchema, smsLanguageSchema } from './common';

export const SKILLS = ['logistics', 'operational', 'medical'] as const;

export const registerVolunteerBodySchema = z
  .object({
    name: z.string().trim().min(1).max(120),
    birthDate: isoDateSchema,
    phone: mobilePhoneSchema,
    email: z.email().max(254).optional(),
    language: smsLanguageSchema,
    skills: z.array(z.enum(SKILLS)).max(SKILLS.length).default([]),
  })
  .strict()
  .meta({ id: 'RegisterVolunteerBody' });
export type RegisterVolunteerBody = z.infer<typeof registerVolunteerBodySchema>;

export const volunteerSchema = z
  .object({
    id: idSchema,
    municipality: nisCodeSchema,
    name: z.string(),
    birthDate: isoDateSchema,
    phone: z.string(),
    email: z.string().optional(),
    language: z.enum(['nl', 'fr', 'en']),
    skills: z.array(z.enum(SKILLS)),
    status: z.enum(['active', 'opted-out']),
    registeredAt: z.string(),
  })
  .meta({ id: 'Volunteer' });
export type Volunteer = z.infer<typeof volunteerSchema>;
