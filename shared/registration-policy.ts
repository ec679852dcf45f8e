import * as z from 'zod';
import { once, parseEnv } from './config';
import { DEFAULT_SPONTANEOUS_REGISTRATION_CAP } from './domain/spontaneous';
import { DEFAULT_PHONE_COUNTRIES, phoneCountrySchema } from './schemas/phone';

/**
 * Who may register publicly: ALLOWED_PHONE_COUNTRIES (comma-separated ISO codes) and SPONTANEOUS_REGISTRATION_CAP
 * (registrations per call), as the stack sets them from the stage configuration. Apart from ./config, so only the
 * registration function bundles libphonenumber for it.
 */
export const parseRegistrationPolicy = (env: NodeJS.ProcessEnv = process.env) => {
  const { ALLOWED_PHONE_COUNTRIES, SPONTANEOUS_REGISTRATION_CAP } = parseEnv(
    {
      ALLOWED_PHONE_COUNTRIES: z
        .string()
        .default(DEFAULT_PHONE_COUNTRIES.join(','))
        .transform((text) => text.split(',').filter(Boolean))
        .pipe(z.array(phoneCountrySchema).min(1)),
      SPONTANEOUS_REGISTRATION_CAP: z.coerce
        .number()
        .int()
        .positive()
        .default(DEFAULT_SPONTANEOUS_REGISTRATION_CAP),
    },
    env,
  );
  return {
    allowedPhoneCountries: ALLOWED_PHONE_COUNTRIES,
    spontaneousRegistrationCap: SPONTANEOUS_REGISTRATION_CAP,
  };
};
export type RegistrationPolicy = ReturnType<typeof parseRegistrationPolicy>;

export const registrationPolicy = once(() => parseRegistrationPolicy());
