import type { Volunteer } from '../../shared/schemas/volunteer';
import { testId } from './ids';

let next = 1;

/** An active corps member of Gent; every call gets a fresh id unless one is given. */
export const aVolunteer = (overrides: Partial<Volunteer> = {}): Volunteer => ({
  id: testId(next++),
  municipality: '44021',
  name: 'An Peeters',
  birthDate: '1990-04-12',
  phone: '+32470123456',
  language: 'nl',
  skills: ['logistics'],
  status: 'active',
  fundingSource: 'flanders',
  insurance: {
    status: 'covered',
    policyReference: 'RKV-GVK-COLLECTIEF',
    coveredFrom: '2025-01-15T09:00:00.000Z',
  },
  registeredAt: '2025-01-15T09:00:00.000Z',
  updatedAt: '2025-01-15T09:00:00.000Z',
  ...overrides,
});
