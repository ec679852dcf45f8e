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

/** Requesters launch for their own municipality through the API; coordinators enter requests taken by phone. */
export const assertCanLaunchRequest = (who: Identity, nis: string, channel: 'api' | 'phone'): void => {
  if (hasRole(who, 'coordinator')) {
    if (channel !== 'phone')
      throw new Forbidden('a coordinator enters help requests received by phone: channel "phone"');
    return;
  }
  assertMayLaunchRequests(who);
  if (who.municipality !== nis)
    throw new Forbidden('requesters launch help requests for their own municipality only');
  if (channel !== 'api') throw new Forbidden('channel "phone" is for coordinators');
};

export const assertCanReadRequest = (who: Identity, nis: string): void => {
  if (hasRole(who, 'coordinator', 'crisis-centre') || actsFor(who, nis)) return;
  throw new NotFound('help request');
};

export const assertCanCoordinate = (who: Identity): void => {
  if (!hasRole(who, 'coordinator')) throw new Forbidden('only a Red Cross coordinator does this');
};

/** The role half of launching, checked before the body is read; the municipality half needs the body. */
export const assertMayLaunchRequests = (who: Identity): void => {
  if (!hasRole(who, 'requester', 'coordinator')) {
    throw new Forbidden('only requesters and coordinators launch help requests');
  }
};
