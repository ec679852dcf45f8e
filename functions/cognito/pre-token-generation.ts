import type { PreTokenGenerationV2TriggerEvent } from 'aws-lambda';
import { isAssignedByAdministrator } from '../../shared/domain/user-assignment';
import { logger } from '../../shared/observability/logger';

/** The user attributes the API reads from a token, besides the groups Cognito puts in access tokens itself. */
const CARRIED_ATTRIBUTES = ['custom:municipality', 'custom:volunteerId'] as const;

/**
 * Cognito's pre-token-generation trigger (V2): copies the municipality and volunteer id into the access token,
 * which the API takes (its methods require scopes, so API Gateway accepts access tokens only). A token whose
 * values an administrator did not assign is refused: throwing here makes Cognito issue no token at all.
 */
export const handler = async (event: PreTokenGenerationV2TriggerEvent) => {
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
  event.response = {
    claimsAndScopeOverrideDetails: { accessTokenGeneration: { claimsToAddOrOverride: claims } },
  };
  return event;
};
