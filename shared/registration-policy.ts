import * as z from 'zod/mini';
import { functionEnvironment, oncePerEnvironment, parseEnv } from './config';
import { DEFAULT_SPONTANEOUS_REGISTRATION_CAP } from './domain/spontaneous';
import { VARIABLES } from './manifest/environment';
import { DEFAULT_PHONE_COUNTRIES, phoneCountrySchema } from './schemas/phone';

/**
 * Who may register publicly: ALLOWED_PHONE_COUNTRIES (comma-separated ISO codes) and SPONTANEOUS_REGISTRATION_CAP
 * (registrations per call), as the stack sets them from the stage configuration. Apart from ./config, so only the
 * registration function bundles libphonenumber for it.
 */
export const parseRegistrationPolicy = (env: NodeJS.ProcessEnv = functionEnvironment()) => {
  const { allowedPhoneCountries, spontaneousRegistrationCap } = VARIABLES;
  const parsed = parseEnv(
    {
      [allowedPhoneCountries]: z.pipe(
        z.pipe(
          z._default(z.string(), DEFAULT_PHONE_COUNTRIES.join(',')),
          z.transform((text: string) => text.split(',').filter(Boolean)),
        ),
        z.array(phoneCountrySchema).check(z.minLength(1)),
      ),
      [spontaneousRegistrationCap]: z._default(
        z.coerce.number().check(z.int(), z.positive()),
        DEFAULT_SPONTANEOUS_REGISTRATION_CAP,
      ),
    },
    env,
  );
  return {
    allowedPhoneCountries: parsed[allowedPhoneCountries] as z.infer<typeof phoneCountrySchema>[],
    spontaneousRegistrationCap: parsed[spontaneousRegistrationCap] as number,
  };
};
export type RegistrationPolicy = ReturnType<typeof parseRegistrationPolicy>;

export const registrationPolicy = oncePerEnvironment(parseRegistrationPolicy);
