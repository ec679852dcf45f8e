import type { PreTokenGenerationV2TriggerEvent } from 'aws-lambda';

/** The user attributes the API reads from a token, besides the groups Cognito puts in access tokens itself. */
const CARRIED_ATTRIBUTES = ['custom:municipality', 'custom:volunteerId'] as const;

/**
 * Cognito's pre-token-generation trigger (V2): copies the municipality and volunteer id into the access token,
 * which the API takes (its methods require scopes, so API Gateway accepts access tokens only).
 */
export const handler = async (event: PreTokenGenerationV2TriggerEvent) => {
  const attributes = event.request.userAttributes;
  const claims = Object.fromEntries(
    CARRIED_ATTRIBUTES.filter((name) => attributes[name]).map((name) => [name, attributes[name] as string]),
  );
  event.response = {
    claimsAndScopeOverrideDetails: { accessTokenGeneration: { claimsToAddOrOverride: claims } },
  };
  return event;
};
