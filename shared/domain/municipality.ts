import { officialMunicipality } from '../reference/municipalities';
import type { Municipality, PutMunicipalityBody } from '../schemas/municipality';
import { RuleViolation } from './errors';

/** A municipality joins (or updates its neighbours); name and province always come from the official list. */
export const joinMunicipality = (
  nis: string,
  body: PutMunicipalityBody,
  existing: Municipality | undefined,
  now: string,
): Municipality => {
  const official = officialMunicipality(nis);
  if (!official)
    throw new RuleViolation('unknown-municipality', `${nis} is not a Flemish municipality (2025 list)`);
  const unknown = body.neighbours.filter((n) => !officialMunicipality(n));
  if (unknown.length) {
    throw new RuleViolation('unknown-municipality', `neighbours not on the 2025 list: ${unknown.join(', ')}`);
  }
  if (body.neighbours.includes(nis))
    throw new RuleViolation('own-neighbour', 'a municipality is not its own neighbour');
  return {
    ...official,
    neighbours: [...new Set(body.neighbours)].sort(),
    joinedAt: existing?.joinedAt ?? now,
    updatedAt: now,
  };
};
