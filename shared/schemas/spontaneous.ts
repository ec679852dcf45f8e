import * as z from 'zod/mini';
import { idSchema, isoDateSchema, SKILLS, smsLanguageSchema } from './common';
import { DEFAULT_PHONE_COUNTRIES, mobilePhoneIn } from './phone';
import type { PhoneCountry } from './phone-countries';
import type { insuranceSchema } from './volunteer';

export const spontaneousCallSchema = z
  .object({
    code: z.string().check(z.meta({ description: 'public code of the call, for this help request only' })),
    registrationUrl: z.url().check(
      z.meta({
        description:
          "the citizens' registration page for this call (a web page to open, print as a QR code or share)",
      }),
    ),
    registrationPath: z.string().check(
      z.meta({
        description: "the API route that takes a registration (POST), relative to the API's base URL",
      }),
    ),
    openedAt: z.string(),
  })
  .register(z.globalRegistry, { id: 'SpontaneousCall' });
export type SpontaneousCall = z.infer<typeof spontaneousCallSchema>;

/** What the citizens' page shows of a call before anyone registers: public facts of the request only. */
export const publicSpontaneousCallSchema = z
  .object({
    code: z.string(),
    status: z
      .enum(['open', 'closed'])
      .check(z.meta({ description: 'closed: the help request is over; nobody can register' })),
    title: z.string().check(z.meta({ description: "the request's title, as in the alert SMS" })),
    municipalityName: z.string(),
    adultsOnly: z.boolean().check(
      z.meta({
        description: 'every task is for adults: someone aged 16 or 17 may register but is not alerted',
      }),
    ),
  })
  .register(z.globalRegistry, { id: 'PublicSpontaneousCall' });
export type PublicSpontaneousCall = z.infer<typeof publicSpontaneousCallSchema>;

/** The public registration, taking phone numbers of `countries` only (the stage's ALLOWED_PHONE_COUNTRIES). */
export const spontaneousRegistrationBodyFor = (countries: readonly PhoneCountry[]) =>
  z
    .strictObject({
      name: z.string().check(z.trim(), z.minLength(1), z.maxLength(120)),
      birthDate: isoDateSchema,
      phone: mobilePhoneIn(countries),
      language: smsLanguageSchema,
      consent: z.literal(true, { message: 'consent to the processing of your data for this help request' }),
      /** Registrants aged 16 or 17 confirm that a parent or guardian consents. */
      parentalConsent: z.optional(z.literal(true)),
      skills: z._default(z.array(z.enum(SKILLS)).check(z.maxLength(SKILLS.length)), []),
      homePostcode: z.optional(z.string().check(z.regex(/^[1-9]\d{3}$/, 'a Belgian postcode'))),
    })
    .register(z.globalRegistry, { id: 'SpontaneousRegistrationBody' });

/** The registration with the default countries: the contract the OpenAPI document shows. */
export const spontaneousRegistrationBodySchema = spontaneousRegistrationBodyFor(DEFAULT_PHONE_COUNTRIES);

export type SpontaneousRegistrationBody = z.infer<typeof spontaneousRegistrationBodySchema>;

/** Nothing the registrant sent is echoed: the public answer carries the id and status only. */
export const spontaneousRegistrationSchema = z
  .object({
    id: idSchema,
    status: z.enum(['alerted', 'registered']).check(
      z.meta({
        description:
          'alerted: an SMS with a reply code follows; registered: no task of this request fits (adults only)',
      }),
    ),
  })
  .register(z.globalRegistry, { id: 'SpontaneousRegistration' });
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
  /** Sent STOP: no further SMS about this request. */
  optedOutAt?: string;
}
