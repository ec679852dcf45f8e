import * as z from 'zod';
import { idSchema, isoDateSchema, mobilePhoneSchema, smsLanguageSchema } from './common';
import { type insuranceSchema, SKILLS } from './volunteer';

export const spontaneousCallSchema = z
  .object({
    code: z.string().meta({ description: 'public code of the call, for this help request only' }),
    registrationUrl: z.url().meta({ description: 'where citizens register (POST)' }),
    openedAt: z.string(),
  })
  .meta({ id: 'SpontaneousCall' });
export type SpontaneousCall = z.infer<typeof spontaneousCallSchema>;

export const spontaneousRegistrationBodySchema = z
  .object({
    name: z.string().trim().min(1).max(120),
    birthDate: isoDateSchema,
    phone: mobilePhoneSchema,
    language: smsLanguageSchema,
    consent: z.literal(true, { message: 'consent to the processing of your data for this help request' }),
    /** Registrants aged 16 or 17 confirm that a parent or guardian consents. */
    parentalConsent: z.literal(true).optional(),
    skills: z.array(z.enum(SKILLS)).max(SKILLS.length).default([]),
    homePostcode: z
      .string()
      .regex(/^[1-9]\d{3}$/, 'a Belgian postcode')
      .optional(),
  })
  .strict()
  .meta({ id: 'SpontaneousRegistrationBody' });
export type SpontaneousRegistrationBody = z.infer<typeof spontaneousRegistrationBodySchema>;

/** Nothing the registrant sent is echoed: the public answer carries the id and status only. */
export const spontaneousRegistrationSchema = z
  .object({
    id: idSchema,
    status: z.enum(['alerted', 'registered']).meta({
      description:
        'alerted: an SMS with a reply code follows; registered: no task of this request fits (adults only)',
    }),
  })
  .meta({ id: 'SpontaneousRegistration' });
export type SpontaneousRegistration = z.infer<typeof spontaneousRegistrationSchema>;

/** A spontaneous volunteer as the AdHoc table holds them, until the purge. */
export interface SpontaneousVolunteer {
  id: string;
  requestId: string;
  name: string;
  birthDate: string;
  phone: string;
  language: 'nl' | 'fr' | 'en';
  skills: string[];
  homePostcode?: string;
  consentAt: string;
  parentalConsent?: true;
  minor: boolean;
  insurance: z.infer<typeof insuranceSchema>;
  status: SpontaneousRegistration['status'];
  registeredAt: string;
}

/** What the yearly report needs of a request's spontaneous volunteers, folded into counts before the purge. */
export const spontaneousTotalsSchema = z.object({
  registered: z.number().int(),
  minors: z.number().int(),
  accepted: z.number().int(),
  checkedIn: z.number().int(),
  minutesOnSite: z.number().int(),
});
export type SpontaneousTotals = z.infer<typeof spontaneousTotalsSchema>;

/** Proof of the purge: counts only, never an id, a name or a phone number. */
export const purgeReceiptSchema = z
  .object({
    purgedAt: z.string(),
    totals: spontaneousTotalsSchema,
    deleted: z.object({
      registrations: z.number().int(),
      phoneEntries: z.number().int(),
      alerts: z.number().int(),
      standDowns: z.number().int(),
      deployments: z.number().int(),
      timelineEntries: z.number().int(),
      coordinatorUpdates: z.number().int(),
      sentSmsPointers: z.number().int(),
      callPointers: z.number().int(),
      smsTraces: z.number().int(),
    }),
  })
  .meta({ id: 'PurgeReceipt' });
export type PurgeReceipt = z.infer<typeof purgeReceiptSchema>;
