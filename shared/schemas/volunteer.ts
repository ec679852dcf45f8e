import * as z from 'zod';
import { idSchema, isoDateSchema, nisCodeSchema, SKILLS, smsLanguageSchema } from './common';
import { mobilePhoneSchema } from './phone';

export const FUNDING_SOURCES = ['flanders', 'municipality'] as const;
export type FundingSource = (typeof FUNDING_SOURCES)[number];

const postcodeSchema = z.string().regex(/^[1-9]\d{3}$/, 'a Belgian postcode');

export const registerVolunteerBodySchema = z
  .object({
    name: z.string().trim().min(1).max(120),
    birthDate: isoDateSchema,
    phone: mobilePhoneSchema,
    email: z.email().max(254).optional(),
    language: smsLanguageSchema,
    skills: z.array(z.enum(SKILLS)).max(SKILLS.length).default([]),
    /** A first-aid certificate from before joining: the basic course is then not funded again. */
    priorFirstAidCertificate: z.object({ date: isoDateSchema }).strict().optional(),
    homePostcode: postcodeSchema
      .optional()
      .meta({ description: 'for proximity ranking; never an exact address' }),
    availabilityNotes: z.string().trim().max(500).optional(),
    /** Required for members aged 16 or 17: the date the parents' consent was recorded. */
    parentalConsent: z.object({ recordedOn: isoDateSchema }).strict().optional(),
  })
  .strict()
  .meta({ id: 'RegisterVolunteerBody' });
export type RegisterVolunteerBody = z.infer<typeof registerVolunteerBodySchema>;

export const updateVolunteerBodySchema = z
  .object({
    email: z.email().max(254).nullable(),
    language: z.enum(['nl', 'fr', 'en']),
    skills: z.array(z.enum(SKILLS)).max(SKILLS.length),
    homePostcode: postcodeSchema.nullable(),
    availabilityNotes: z.string().trim().max(500).nullable(),
    /** Not alerted until this date (inclusive); null resumes at once. */
    pausedUntil: isoDateSchema.nullable(),
    status: z.enum(['active', 'opted-out']).meta({
      description:
        'opted-out stops every SMS, as STOP does; active brings a member who opted out back (a free Flanders-funded place is taken again)',
    }),
  })
  .partial()
  .strict()
  .refine((body) => Object.keys(body).length > 0, 'nothing to update')
  .meta({ id: 'UpdateVolunteerBody' });
export type UpdateVolunteerBody = z.infer<typeof updateVolunteerBodySchema>;

export const insuranceSchema = z.object({
  status: z.enum(['covered']),
  policyReference: z.string(),
  coveredFrom: z.string(),
});

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
    priorFirstAidCertificate: z.object({ date: isoDateSchema }).optional(),
    homePostcode: z.string().optional(),
    availabilityNotes: z.string().optional(),
    parentalConsent: z.object({ recordedOn: isoDateSchema }).optional(),
    groupId: idSchema.optional(),
    status: z.enum(['active', 'opted-out']).meta({
      description: 'opted-out: sent STOP (or asked through the API); not alerted, no SMS, until they rejoin',
    }),
    optedOutAt: z.string().optional(),
    fundingSource: z.enum(FUNDING_SOURCES),
    insurance: insuranceSchema,
    pausedUntil: isoDateSchema.optional(),
    qualifiedSince: isoDateSchema.optional().meta({
      description:
        'latest basic course, refresher or prior certificate, once a basic course or certificate is held; medical and operational tasks need it to be current',
    }),
    trainingCount: z.number().int().optional().meta({ description: 'courses on record' }),
    /** The help request the volunteer is checked in on right now: not alerted for another one meanwhile. */
    onSiteFor: idSchema.optional(),
    checkIns: z.array(z.string()).optional().meta({
      description:
        'times of the check-ins on help requests; those of the last 12 months rank a member after others deployed less',
    }),
    registeredAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'Volunteer' });
export type Volunteer = z.infer<typeof volunteerSchema>;
