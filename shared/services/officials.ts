import { Conflict, NotFound } from '../domain/errors';
import type { Identity } from '../domain/identity';
import {
  assertCanInviteOfficial,
  assertCanListOfficials,
  assertCanReadRequesters,
  assertCanRemoveOfficial,
  assertMayManageOfficials,
  normaliseEmail,
  type OfficialStatus,
} from '../domain/officials';
import type { Ports } from '../ports';
import type { InviteOfficialBody, Official } from '../schemas/official';
import type { Requesters } from '../schemas/requesters';
import type { OfficialRecord } from '../store/official-repository';
import { requireJoined } from './registry';

type OfficialPorts = Pick<Ports, 'municipalities' | 'officials' | 'officialAccounts' | 'clock'>;

/**
 * Invites an official: their Cognito account (the invitation e-mail, the role's group, the municipality with the
 * administrator's marker), then their record, named on the requesters list when they are a requester. An address
 * already invited is a 409; a retry after a failure between the two finds its own account and finishes.
 */
export const inviteOfficial = async (
  ports: OfficialPorts,
  who: Identity,
  nis: string,
  body: InviteOfficialBody,
): Promise<Official> => {
  assertCanInviteOfficial(who, nis, body.role);
  const municipality = await requireJoined(ports, nis);
  const email = normaliseEmail(body.email);
  if (await ports.officials.byEmail(email))
    throw new Conflict('an official with this e-mail address was invited already');
  const outcome = await ports.officialAccounts.invite({
    email,
    name: body.name,
    locale: body.locale,
    role: body.role,
    municipality: nis,
    municipalityName: municipality.name,
  });
  if ('taken' in outcome) throw new Conflict('an account with this e-mail address exists already');
  const official: OfficialRecord = {
    id: outcome.sub,
    municipality: nis,
    email,
    name: body.name,
    role: body.role,
    locale: body.locale,
    invitedAt: ports.clock.now().toISOString(),
    invitedBy: who.sub,
  };
  await ports.officials.add(official, who, await ports.municipalities.requesters(nis));
  return { ...official, status: 'invited' };
};

const statusOf = async (ports: Pick<Ports, 'officialAccounts'>, official: OfficialRecord) => {
  if (official.removedAt) return 'disabled';
  const state = await ports.officialAccounts.stateOf(official.id);
  // An account deleted by hand in the console cannot sign in either.
  return (state === 'missing' ? 'disabled' : state) satisfies OfficialStatus;
};

/** The municipality's officials by name, with whether each signed in yet (the account says) or was removed. */
export const listOfficials = async (
  ports: OfficialPorts,
  who: Identity,
  nis: string,
): Promise<{ officials: Official[] }> => {
  assertCanListOfficials(who, nis);
  await requireJoined(ports, nis, new NotFound('municipality'));
  const records = await ports.officials.list(nis);
  const officials = await Promise.all(
    records.map(async (official) => ({ ...official, status: await statusOf(ports, official) })),
  );
  return { officials: officials.sort((a, b) => a.name.localeCompare(b.name, 'nl')) };
};

/**
 * Removes an official: their account signed out everywhere and disabled first, then the record marked and the
 * requesters list without them, in one transaction. Removing a removed official changes nothing.
 */
export const removeOfficial = async (
  ports: OfficialPorts,
  who: Identity,
  nis: string,
  id: string,
): Promise<void> => {
  assertMayManageOfficials(who, nis);
  const official = await ports.officials.get(nis, id);
  if (!official) throw new NotFound('official');
  assertCanRemoveOfficial(who, nis, official.role);
  if (official.removedAt) return;
  await ports.officialAccounts.remove(official.id);
  await ports.officials.remove(
    official,
    who,
    ports.clock.now().toISOString(),
    await ports.municipalities.requesters(nis),
  );
};

/** The requesters list with the name and e-mail of each invited official on it; others (machine clients) by sub. */
export const requestersWithPeople = async (
  ports: Pick<Ports, 'officials'>,
  nis: string,
  subs: readonly string[],
): Promise<Requesters> => {
  const officials = new Map((await ports.officials.list(nis)).map((official) => [official.id, official]));
  return {
    requesters: [...subs],
    people: subs.map((sub) => {
      const official = officials.get(sub);
      return official && !official.removedAt ? { sub, name: official.name, email: official.email } : { sub };
    }),
  };
};

/** The requesters list as the municipal-admin keeps it, with people's names (its municipal-admin, coordinator). */
export const getRequesters = async (
  ports: Pick<Ports, 'municipalities' | 'officials'>,
  who: Identity,
  nis: string,
): Promise<Requesters> => {
  assertCanReadRequesters(who, nis);
  await requireJoined(ports, nis, new NotFound('municipality'));
  return requestersWithPeople(ports, nis, await ports.municipalities.requesters(nis));
};
