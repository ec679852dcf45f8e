import {
  assertCanAccessVolunteer,
  assertCanManageMunicipalities,
  assertCanNameRequesters,
  assertCanReadMunicipality,
  assertCanReadRoster,
  assertCanRegisterVolunteer,
} from '../domain/access';
import { type CorpsSummary, corpsSummary } from '../domain/corps';
import { belgianDate } from '../domain/dates';
import { NotFound, RuleViolation } from '../domain/errors';
import type { Identity } from '../domain/identity';
import { joinMunicipality } from '../domain/municipality';
import { assertNotOnSite, newVolunteer } from '../domain/volunteer';
import type { Ports } from '../ports';
import type { Municipality, PutMunicipalityBody } from '../schemas/municipality';
import type { PutRequestersBody, Requesters } from '../schemas/requesters';
import type { RegisterVolunteerBody, UpdateVolunteerBody, Volunteer } from '../schemas/volunteer';
import { requestersWithPeople } from './officials';

type RegistryPorts = Pick<Ports, 'municipalities' | 'volunteers' | 'trainings' | 'clock' | 'newId'>;
/** Putting the requesters list answers with the people on it. */
type RequestersPorts = Pick<Ports, 'municipalities' | 'officials' | 'clock'>;

export const putMunicipality = async (
  ports: RegistryPorts,
  who: Identity,
  nis: string,
  body: PutMunicipalityBody,
): Promise<{ municipality: Municipality; created: boolean }> => {
  assertCanManageMunicipalities(who);
  const existing = await ports.municipalities.get(nis);
  const municipality = joinMunicipality(nis, body, existing, ports.clock.now().toISOString());
  await ports.municipalities.put(municipality, existing, who);
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
  const corps = await ports.volunteers.corps(nis);
  return { ...municipality, corps: corpsSummary(corps.members, corps.funded) };
};

export const putRequesters = async (
  ports: RequestersPorts,
  who: Identity,
  nis: string,
  body: PutRequestersBody,
): Promise<Requesters> => {
  assertCanNameRequesters(who, nis);
  await requireJoined(ports, nis);
  await ports.municipalities.putRequesters(nis, body.requesters, who, ports.clock.now().toISOString());
  return requestersWithPeople(ports, nis, body.requesters);
};

export const registerVolunteer = async (
  ports: RegistryPorts,
  who: Identity,
  nis: string,
  body: RegisterVolunteerBody,
): Promise<Volunteer> => {
  assertCanRegisterVolunteer(who, nis);
  await requireJoined(ports, nis);
  const now = ports.clock.now();
  const member = newVolunteer(body, {
    id: ports.newId(),
    municipality: nis,
    now: now.toISOString(),
    today: belgianDate(now),
  });
  const [volunteer] = await ports.volunteers.registerMembers(nis, [member], who);
  return volunteer!;
};

export const listVolunteers = async (
  ports: RegistryPorts,
  who: Identity,
  nis: string,
): Promise<Volunteer[]> => {
  assertCanReadRoster(who, nis);
  await requireJoined(ports, nis, new NotFound('municipality'));
  return (await ports.volunteers.listByMunicipality(nis)).sort((a, b) =>
    a.registeredAt.localeCompare(b.registeredAt),
  );
};

export const getVolunteer = async (ports: RegistryPorts, who: Identity, id: string): Promise<Volunteer> => {
  const volunteer = await ports.volunteers.get(id);
  if (!volunteer) throw new NotFound('volunteer');
  assertCanAccessVolunteer(who, volunteer);
  return volunteer;
};

export const updateVolunteer = async (
  ports: RegistryPorts,
  who: Identity,
  id: string,
  changes: UpdateVolunteerBody,
): Promise<Volunteer> => {
  const { status, ...rest } = changes;
  let volunteer = await getVolunteer(ports, who, id);
  const now = ports.clock.now().toISOString();
  // Opting out and back in move the corps' funded places, so they go through their own conditional writes.
  if (status && status !== volunteer.status) {
    await (status === 'active'
      ? ports.volunteers.rejoin(id, now, who)
      : ports.volunteers.optOut(id, now, who));
    volunteer = await getVolunteer(ports, who, id);
  }
  return Object.keys(rest).length ? ports.volunteers.update(volunteer, rest, now, who) : volunteer;
};

/**
 * The right to erasure: the member's records and phone claim go, notes they left on alerts go, their sign-in account
 * goes, their insurance claims keep only what the insurer needs (no phone, no link to them), and only an anonymous
 * record (no id, no name, no number) stays for the yearly figures. A member on site is refused: their deployment is
 * open insurance coverage, so the coordinator checks them out first. The erasure ledger keeps a salted hash of their
 * id, so a restore of the tables can be made to forget them again (`npm run reapply-erasures`).
 */
export const eraseVolunteer = async (
  ports: RegistryPorts & Pick<Ports, 'erasureLedger' | 'claims' | 'alerts' | 'accounts'>,
  who: Identity,
  id: string,
): Promise<void> => {
  const volunteer = await getVolunteer(ports, who, id);
  assertNotOnSite(volunteer);
  const now = ports.clock.now().toISOString();
  const trainings = await ports.trainings.listForVolunteer(volunteer.id);
  // The ledger first (salted hash only): a restore of the tables is made to forget the member again, even if this
  // erasure fails after deleting something. Then everything before the member record: if the erasure fails half-way,
  // the client's retry still finds the member and finishes it (each step is idempotent).
  await ports.erasureLedger.recordErasure(volunteer.id, ports.clock.now());
  await ports.claims.forgetClaimant(volunteer.id, who, now);
  await ports.alerts.forgetNotes(volunteer.id);
  await ports.accounts.deleteMemberAccount(volunteer.id);
  const anonymousId = ports.newId();
  await ports.volunteers.erase(
    volunteer.id,
    (current) => ({
      id: anonymousId,
      municipality: current.municipality,
      fundingSource: current.fundingSource,
      joinedYear: Number(current.registeredAt.slice(0, 4)),
      // Month precision only: an exact time would match the audit entry that names the member.
      leftIn: now.slice(0, 7),
      reason: 'erased',
      // Courses by kind, year and funding: what the yearly report to the Flemish Government counts.
      trainings: trainings.map((t) => ({ kind: t.kind, year: Number(t.date.slice(0, 4)), funded: t.funded })),
    }),
    who,
    now,
  );
};

/** The municipality's profile; a municipality that has not joined is a rule violation (or `error`). */
export const requireJoined = async (
  ports: Pick<Ports, 'municipalities'>,
  nis: string,
  error: Error = new RuleViolation('municipality-not-joined', `municipality ${nis} has not joined the tool`),
): Promise<Municipality> => {
  const municipality = await ports.municipalities.get(nis);
  if (!municipality) throw error;
  return municipality;
};
