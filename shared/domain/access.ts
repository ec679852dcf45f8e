import { type ActivationScope, restsOnDeclaredPhase } from './activation';
import { Forbidden, NotFound } from './errors';
import { actsFor, hasRole, type Identity } from './identity';

/**
 * Route-level access rules. Reads of another municipality's resources answer NotFound, so ids cannot be probed;
 * actions the caller's role can never take answer Forbidden.
 */
export const assertCanManageMunicipalities = (who: Identity): void => {
  if (!hasRole(who, 'coordinator'))
    throw new Forbidden('only a Red Cross coordinator manages municipalities');
};

export const assertCanReadMunicipality = (who: Identity, nis: string): void => {
  if (hasRole(who, 'coordinator') || actsFor(who, nis)) return;
  throw new NotFound('municipality');
};

export const assertCanRegisterVolunteer = (who: Identity, nis: string): void => {
  if (hasRole(who, 'coordinator') || actsFor(who, nis, 'municipal-admin')) return;
  if (hasRole(who, 'municipal-admin')) throw new NotFound('municipality');
  throw new Forbidden('only the municipal-admin of the municipality or a coordinator registers volunteers');
};

/**
 * Requesters launch for their own municipality through the API; coordinators enter requests taken by phone. An
 * exercise a coordinator may launch either way, and a municipal-admin for their own municipality through the API.
 */
export const assertCanLaunchRequest = (
  who: Identity,
  nis: string,
  channel: 'api' | 'phone',
  exercise = false,
): void => {
  if (hasRole(who, 'coordinator')) {
    if (channel !== 'phone' && !exercise)
      throw new Forbidden('a coordinator enters help requests received by phone: channel "phone"');
    return;
  }
  assertMayLaunchRequests(who);
  if (!exercise && !hasRole(who, 'requester'))
    throw new Forbidden('a municipal-admin launches exercises only: "exercise": true');
  if (who.municipality !== nis)
    throw new Forbidden('requesters launch help requests for their own municipality only');
  if (channel !== 'api') throw new Forbidden('channel "phone" is for coordinators');
};

/**
 * The coordination (Red Cross coordinators and the crisis centre) sees every municipality: all requests, every
 * corps' volunteers on them, the yearly report. Everyone else sees their own municipality.
 */
export const seesAllMunicipalities = (who: Identity): boolean => hasRole(who, 'coordinator', 'crisis-centre');

export const assertCanReadRequest = (who: Identity, nis: string): void => {
  if (seesAllMunicipalities(who) || actsFor(who, nis)) return;
  throw new NotFound('help request');
};

/**
 * The municipality a listing of help requests covers, undefined for all of Flanders: the one asked for, else all for
 * coordinators and the crisis centre, else the caller's own; someone with neither gets a Forbidden.
 */
export const municipalityToList = (who: Identity, asked: string | undefined): string | undefined => {
  if (asked) return asked;
  if (seesAllMunicipalities(who)) return undefined;
  if (who.municipality && actsFor(who, who.municipality)) return who.municipality;
  throw new Forbidden('give ?municipality=: only coordinators and the crisis centre list every municipality');
};

/** Who answered a call-out, with their own words: the coordination (coordinator, crisis centre) needs it, nobody else. */
export const seesResponders = seesAllMunicipalities;

/**
 * The phones of volunteers the alert SMS could not reach: the coordinator calls them (UX: "their phone is shown to
 * this role only"); the crisis centre and the municipalities never need a number from a help request.
 */
export const seesUnreachablePhones = (who: Identity): boolean => hasRole(who, 'coordinator');

/** The yearly report covers every municipality: for the Red Cross coordination and the crisis centre only. */
export const assertCanReadAnnualReport = (who: Identity): void => {
  if (!seesAllMunicipalities(who))
    throw new Forbidden('only a coordinator or the crisis centre reads the yearly report');
};

export const assertCanCoordinate = (who: Identity): void => {
  if (!hasRole(who, 'coordinator')) throw new Forbidden('only a Red Cross coordinator does this');
};

/** The role half of launching, checked before the body is read; the municipality half needs the body. */
export const assertMayLaunchRequests = (who: Identity): void => {
  if (!hasRole(who, 'requester', 'coordinator', 'municipal-admin')) {
    throw new Forbidden(
      'only requesters and coordinators launch help requests, and municipal-admins exercises',
    );
  }
};

/** A volunteer's record: the volunteer themselves, their municipality's admin, a coordinator; others see nothing. */
export const assertCanAccessVolunteer = (
  who: Identity,
  volunteer: { id: string; municipality: string },
): void => {
  if (hasRole(who, 'coordinator') || actsFor(who, volunteer.municipality, 'municipal-admin')) return;
  if (hasRole(who, 'volunteer') && who.volunteerId === volunteer.id) return;
  throw new NotFound('volunteer');
};

/** The list of officials allowed to launch is the municipal-admin's to keep. */
export const assertCanNameRequesters = (who: Identity, nis: string): void => {
  if (actsFor(who, nis, 'municipal-admin')) return;
  if (hasRole(who, 'municipal-admin')) throw new NotFound('municipality');
  throw new Forbidden('only the municipal-admin of the municipality names its requesters');
};

/** The roster (with phone numbers) is for the municipality's admin and coordinators only, never for requesters. */
export const assertCanReadRoster = (who: Identity, nis: string): void => assertCanRegisterVolunteer(who, nis);

/** Training records are kept by the municipality's admin and Red Cross, not by the volunteer. */
export const assertCanRecordTraining = (
  who: Identity,
  volunteer: { id: string; municipality: string },
): void => {
  if (hasRole(who, 'coordinator') || actsFor(who, volunteer.municipality, 'municipal-admin')) return;
  if (who.volunteerId === volunteer.id)
    throw new Forbidden('courses are recorded by the municipality or Red Cross');
  throw new NotFound('volunteer');
};

/** The role half of corps management (courses, groups), checked before any id is looked up. */
export const assertMayManageCorps = (who: Identity): void => {
  if (!hasRole(who, 'coordinator', 'municipal-admin')) {
    throw new Forbidden('only a municipal-admin or a coordinator manages the corps');
  }
};

/** Neighbours and named corps: the coordinator; a province or all of Flanders: also the crisis centre. */
export const mayActivate = (who: Identity, scope: ActivationScope): boolean =>
  hasRole(who, 'coordinator') || (hasRole(who, 'crisis-centre') && restsOnDeclaredPhase(scope));

export const assertCanActivate = (who: Identity, scope: ActivationScope): void => {
  if (mayActivate(who, scope)) return;
  throw new Forbidden(
    restsOnDeclaredPhase(scope)
      ? 'province-wide and Flanders-wide activation is for the coordinator or the crisis centre'
      : 'only a coordinator widens to neighbouring or named corps',
  );
};

/** The role half of activations, checked before the request is looked up. */
export const assertMayActivate = (who: Identity): void => {
  if (!hasRole(who, 'coordinator', 'crisis-centre')) {
    throw new Forbidden('only a coordinator or the crisis centre widens a help request');
  }
};
