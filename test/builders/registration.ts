import type { NewVolunteer } from '../../shared/domain/volunteer';
import { type RegisterVolunteerBody, registerVolunteerBodySchema } from '../../shared/schemas/volunteer';
import { testId } from './ids';
import { aMobilePhone } from './phone';

/** A valid registration of an adult with a fresh mobile number, parsed by the real schema (defaults applied). */
export const aRegistration = (overrides: Record<string, unknown> = {}): RegisterVolunteerBody =>
  registerVolunteerBodySchema.parse({
    name: 'Lotte Janssens',
    birthDate: '1995-06-20',
    phone: aMobilePhone(),
    ...overrides,
  });

let next = 500_000;

/** A new corps member as the registration service hands it to the store (before the corps decides who funds it). */
export const aNewMember = (overrides: Partial<NewVolunteer> = {}): NewVolunteer => {
  const registeredAt = overrides.registeredAt ?? '2026-01-05T09:00:00.000Z';
  return {
    id: testId(next++),
    municipality: '44021',
    name: 'Member',
    birthDate: '1990-04-12',
    phone: aMobilePhone(),
    language: 'nl',
    skills: ['logistics'],
    status: 'active',
    insurance: { status: 'covered', policyReference: 'RKV-GVK-COLLECTIEF', coveredFrom: registeredAt },
    registeredAt,
    updatedAt: registeredAt,
    ...overrides,
  };
};
