import type {
  PreTokenGenerationClientCredentialsV3TriggerEvent,
  PreTokenGenerationV2TriggerEvent,
} from 'aws-lambda';
import { type AppClientNames, cognitoAppClientNames } from '../../shared/auth/app-client-names';
import { municipalityOfMachineClient } from '../../shared/domain/machine-client';
import { isAssignedByAdministrator } from '../../shared/domain/user-assignment';
import { logger } from '../../shared/observability/logger';

/** The user attributes the API reads from a token, besides the groups Cognito puts in access tokens itself. */
const CARRIED_ATTRIBUTES = ['custom:municipality', 'custom:volunteerId'] as const;

/** A V3 trigger gets users' sign-ins as V2 events (version 3) and machine clients' client-credentials requests. */
type TokenEvent = PreTokenGenerationV2TriggerEvent | PreTokenGenerationClientCredentialsV3TriggerEvent;

const withAccessTokenClaims = <E extends TokenEvent>(event: E, claims: Record<string, string>): E => {
  event.response = {
    claimsAndScopeOverrideDetails: { accessTokenGeneration: { claimsToAddOrOverride: claims } },
  };
  return event;
};

/**
 * A person's token carries the municipality and volunteer id an administrator assigned them; an account whose
 * values no administrator assigned gets no token (throwing here makes Cognito issue none).
 */
const userToken = (event: PreTokenGenerationV2TriggerEvent) => {
  const attributes = event.request.userAttributes;
  const assignment = {
    municipality: attributes['custom:municipality'],
    volunteerId: attributes['custom:volunteerId'],
  };
  if (!isAssignedByAdministrator(assignment, attributes['custom:assignment'])) {
    // The sub only: no name, e-mail or phone in the logs.
    logger.warn('token refused: municipality or volunteer id not assigned by an administrator', {
      sub: attributes.sub,
      clientId: event.callerContext.clientId,
    });
    throw new Error('Your account is not set up by an administrator yet: ask your municipal-admin.');
  }
  const claims = Object.fromEntries(
    CARRIED_ATTRIBUTES.filter((name) => attributes[name]).map((name) => [name, attributes[name] as string]),
  );
  return withAccessTokenClaims(event, claims);
};

/**
 * Cognito's pre-token-generation trigger (V3): copies what the API reads into access tokens (its methods require
 * scopes, so API Gateway accepts access tokens only). A machine client's token gets the municipality its app
 * client's name carries; the pool's client list is read once per container, and again for a client not on it (one
 * deployed since); a client it cannot place gets no token.
 */
export const preTokenGeneration = (appClients: AppClientNames) => {
  let names: Map<string, string> | undefined;
  const municipalityOf = async (userPoolId: string, clientId: string) => {
    if (!names?.has(clientId)) names = await appClients.namesIn(userPoolId);
    const name = names.get(clientId);
    return name === undefined ? undefined : municipalityOfMachineClient(name);
  };

  return async <E extends TokenEvent>(event: E): Promise<E> => {
    if (event.triggerSource !== 'TokenGeneration_ClientCredentials')
      return userToken(event as PreTokenGenerationV2TriggerEvent) as E;
    const { clientId } = event.callerContext;
    const municipality = await municipalityOf(event.userPoolId, clientId);
    if (municipality === undefined) {
      logger.warn('token refused: the machine client is bound to no municipality', { clientId });
      throw new Error('This client acts for no municipality: ask the crisis tool administrators.');
    }
    return withAccessTokenClaims(event, { municipality });
  };
};

export const handler = preTokenGeneration(cognitoAppClientNames);
