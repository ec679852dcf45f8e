import { assertCanReadMunicipality, assertCanRegisterVolunteer } from '../domain/access';
import { assertMinimumAge } from '../domain/age';
import { type CorpsSummary, corpsSummary } from '../domain/corps';
import { belgianDate } from '../domain/dates';
import { NotFound, RuleViolation } from '../domain/errors';
import type { Identity } from '../domain/identity';
import { joinMunicipality } from '../domain/municipality';
import type { Ports } from '../ports';
import type { Municipality, PutMunicipalityBody } from '../schemas/municipality';
import type { RegisterVolunteerBody, Volunteer } from '../schemas/volunteer';

type RegistryPorts = Pick<Ports, 'municipalities' | 'volunteers' | 'clock' | 'newId'>;

export const putMunicipality = async (
  ports: RegistryPorts,
  nis: string,
  body: PutMunicipalityBody,
): Promise<{ municipality: Municipality; created: boolean }> => {
  const existing = await ports.municipalities.get(nis);
  const municipality = joinMunicipality(nis, body, existing, ports.clock.now().toISOString());
  await ports.municipalities.put(municipality, existing?.updatedAt);
  return { municipality, created: !existing };
};

export const getMunicipality = async (
  ports: RegistryPorts,
  who: Identity,
  nis: string,
): Promise<Municipality & { corps: CorpsSummary }> => {
  assertCanReadMunicipality(who, nis);
  const municipality = await ports.municipalities.get(nis);
  if (!municipality) throw new NotFound('municipality');
  return { ...municipality, corps: corpsSummary(await ports.volunteers.countByMunicipality(nis)) };
};

export const registerVolunteer = async (
  ports: RegistryPorts,
  who: Identity,
  nis: string,
  body: RegisterVolunteerBody,
): Promise<Volunteer> => {
  assertCanRegisterVolunteer(who, nis);
  if (!(await ports.municipalities.get(nis))) {
    throw new RuleViolation('municipality-not-joined', `municipality ${nis} has not joined the tool`);
  }
  const now = ports.clock.now();
  assertMinimumAge(body.birthDate, belgianDate(now));
  const volunteer: Volunteer = {
    ...body,
    id: ports.newId(),
    municipality: nis,
    status: 'active',
    registeredAt: now.toISOString(),
  };
  await ports.volunteers.register(volunteer);
  return volunteer;
};
