import * as z from 'zod/mini';
import { WEEKDAYS } from '../domain/availability';
import { idSchema, isoDateSchema, nisCodeSchema, SKILLS, smsLanguageSchema } from './common';
import { mobilePhoneSchema } from './phone';

export const FUNDING_SOURCES = ['flanders', 'municipality'] as const;
export type FundingSource = (typeof FUNDING_SOURCES)[number];

const postcodeSchema = z.string().check(z.regex(/^[1-9]\d{3}$/, 'a Belgian postcode'));

export const registerVolunteerBodySchema = z
  .strictObject({
    name: z.string().check(z.trim(), z.minLength(1), z.maxLength(120)),
    birthDate: isoDateSchema,
    phone: mobilePhoneSchema,
    email: z.optional(z.email().check(z.maxLength(254))),
    language: smsLanguageSchema,
    skills: z._default(z.array(z.enum(SKILLS)).check(z.maxLength(SKILLS.length)), []),
    /** A first-aid certificate from before joining: the basic course is then not funded again. */
    priorFirstAidCertificate: z.optional(z.strictObject({ date: isoDateSchema })),
    homePostcode: z
      .optional(postcodeSchema)
      .check(z.meta({ description: 'for proximity ranking; never an exact address' })),
    availabilityNotes: z.optional(z.string().check(z.trim(), z.maxLength(500))),
    /** Required for members aged 16 or 17: the date the parents' consent was recorded. */
    parentalConsent: z.optional(z.strictObject({ recordedOn: isoDateSchema })),
  })
  .register(z.globalRegistry, { id: 'RegisterVolunteerBody' });
export type RegisterVolunteerBody = z.infer<typeof registerVolunteerBodySchema>;

const timeOfDaySchema = z
  .string()
  .check(z.regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time of day as HH:MM, e.g. 18:00'));

/** When a member wants to be alerted, in Belgian time; outside it only for an urgent request. */
export const availabilitySchema = z
  .array(
    z.strictObject({
      days: z.array(z.enum(WEEKDAYS)).check(z.minLength(1), z.maxLength(7)),
      from: timeOfDaySchema,
      until: timeOfDaySchema,
    }),
  )
  .check(
    z.maxLength(14),
    z.meta({
      description:
        'weekly windows in Belgian time, e.g. weekdays 18:00–23:59 and the weekend 00:00–00:00 (a window whose `until` is not after its `from` runs into the next day; the same time is the whole day); absent or empty: always. Outside them a member is alerted only for an urgent request (`urgency: immediate`), and then after those inside',
    }),
  );

export const updateVolunteerBodySchema = z
  .partial(
    z.strictObject({
      email: z.nullable(z.email().check(z.maxLength(254))),
      language: z.enum(['nl', 'fr', 'en']),
      skills: z.array(z.enum(SKILLS)).check(z.maxLength(SKILLS.length)),
      homePostcode: z.nullable(postcodeSchema),
      availabilityNotes: z.nullable(z.string().check(z.trim(), z.maxLength(500))),
      /** Not alerted until this date (inclusive); null resumes at once. */
      pausedUntil: z.nullable(isoDateSchema),
      /** null: always available again. */
      availability: z.nullable(availabilitySchema),
      status: z.enum(['active', 'opted-out']).check(
        z.meta({
          description:
            'opted-out stops every SMS, as STOP does; active brings a member who opted out back (a free Flanders-funded place is taken again)',
        }),
      ),
    }),
  )
  .check(z.refine((body) => Object.keys(body).length > 0, 'nothing to update'))
  .register(z.globalRegistry, { id: 'UpdateVolunteerBody' });
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
    email: z.optional(z.string()),
    language: z.enum(['nl', 'fr', 'en']),
    skills: z.array(z.enum(SKILLS)),
    priorFirstAidCertificate: z.optional(z.object({ date: isoDateSchema })),
    homePostcode: z.optional(z.string()),
    availabilityNotes: z.optional(z.string()),
    parentalConsent: z.optional(z.object({ recordedOn: isoDateSchema })),
    groupId: z.optional(idSchema),
    status: z.enum(['active', 'opted-out']).check(
      z.meta({
        description:
          'opted-out: sent STOP (or asked through the API); not alerted, no SMS, until they rejoin',
      }),
    ),
    optedOutAt: z.optional(z.string()),
    fundingSource: z.enum(FUNDING_SOURCES),
    insurance: insuranceSchema,
    pausedUntil: z.optional(isoDateSchema),
    availability: z.optional(availabilitySchema),
    qualifiedSince: z.optional(isoDateSchema).check(
      z.meta({
        description:
          'latest basic course, refresher or prior certificate, once a basic course or certificate is held; medical and operational tasks need it to be current',
      }),
    ),
    trainingCount: z.optional(z.int()).check(z.meta({ description: 'courses on record' })),
    /** The help request the volunteer is checked in on right now: not alerted for another one meanwhile. */
    onSiteFor: z.optional(idSchema),
    checkIns: z.optional(z.array(z.string())).check(
      z.meta({
        description:
          'times of the check-ins on help requests; those of the last 12 months rank a member after others deployed less',
      }),
    ),
    registeredAt: z.string(),
    updatedAt: z.string(),
  })
  .register(z.globalRegistry, { id: 'Volunteer' });
export type Volunteer = z.infer<typeof volunteerSchema>;
