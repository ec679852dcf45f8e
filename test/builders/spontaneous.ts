import {
  type SpontaneousRegistrationBody,
  spontaneousRegistrationBodySchema,
} from '../../shared/schemas/spontaneous';
import { aMobilePhone } from './phone';

/** A citizen's registration for a spontaneous call, parsed by the real schema: an adult with consent. */
export const aSpontaneousRegistration = (
  overrides: Record<string, unknown> = {},
): SpontaneousRegistrationBody =>
  spontaneousRegistrationBodySchema.parse({
    name: 'Sam Spontaan',
    birthDate: '1992-05-17',
    phone: aMobilePhone(),
    consent: true,
    ...overrides,
  });
