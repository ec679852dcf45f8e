import type {
  PreTokenGenerationClientCredentialsV3TriggerEvent,
  PreTokenGenerationV2TriggerEvent,
} from 'aws-lambda';
import { describe, expect, it, vi } from 'vitest';
import { handler, preTokenGeneration } from '../../../../functions/cognito/pre-token-generation';
import { identityFromClaims } from '../../../../shared/http/identity-from-claims';
import { logger } from '../../../../shared/observability/logger';

// Cognito sends users' sign-ins to a V3 trigger with the V2 event's fields, as version 3.
const tokenEvent = (userAttributes: Record<string, string>) =>
  ({
    version: '3',
    triggerSource: 'TokenGeneration_Authentication',
    region: 'eu-west-1',
    userPoolId: 'eu-west-1_x',
    userName: 'an',
    callerContext: { awsSdkVersion: '3', clientId: 'web' },
    request: { userAttributes, groupConfiguration: {} },
    response: { claimsAndScopeOverrideDetails: {} },
  }) as unknown as PreTokenGenerationV2TriggerEvent;

describe('the pre-token-generation trigger', () => {
  it("puts a requester's municipality in the access token, where the API finds it", async () => {
    const result = await handler(
      tokenEvent({
        sub: 'u1',
        email: 'an@example.be',
        'custom:municipality': '44021',
        'custom:assignment': '44021/',
      }),
    );

    const added = result.response.claimsAndScopeOverrideDetails.accessTokenGeneration?.claimsToAddOrOverride;
    expect(added).toEqual({ 'custom:municipality': '44021' });
    const accessToken = { sub: 'u1', client_id: 'web', 'cognito:groups': '[requester]', ...added };
    expect(identityFromClaims(accessToken)).toEqual({
      sub: 'u1',
      roles: ['requester'],
      municipality: '44021',
    });
  });

  it("carries a volunteer's id and nothing personal (no email, no phone)", async () => {
    const result = await handler(
      tokenEvent({
        sub: 'u2',
        email: 'v@example.be',
        phone_number: '+32470123456',
        'custom:volunteerId': 'v-1',
        'custom:assignment': '/v-1',
      }),
    );

    expect(
      result.response.claimsAndScopeOverrideDetails.accessTokenGeneration?.claimsToAddOrOverride,
    ).toEqual({
      'custom:volunteerId': 'v-1',
    });
  });

  it.each([
    ['a municipality the user wrote themselves, with no assignment', { 'custom:municipality': '44021' }],
    [
      'a municipality other than the one an administrator assigned',
      { 'custom:municipality': '11002', 'custom:assignment': '44021/' },
    ],
    [
      "another volunteer's id than the one an administrator assigned",
      { 'custom:volunteerId': 'v-2', 'custom:assignment': '/v-1' },
    ],
    [
      'a volunteer id added beside an assigned municipality',
      { 'custom:municipality': '44021', 'custom:volunteerId': 'v-2', 'custom:assignment': '44021/' },
    ],
  ])('refuses a token for %s', async (_why, attributes) => {
    await expect(handler(tokenEvent({ sub: 'u3', ...attributes }))).rejects.toThrow(/administrator/);
  });

  it('gives a coordinator, who has no municipality or volunteer id, a token without them', async () => {
    const result = await handler(tokenEvent({ sub: 'u4', email: 'c@rodekruis.be' }));

    expect(
      result.response.claimsAndScopeOverrideDetails.accessTokenGeneration?.claimsToAddOrOverride,
    ).toEqual({});
  });
});

/** A client-credentials request as Cognito sends it to a V3 trigger: a client, its scopes, no user. */
const clientCredentials = (clientId: string) =>
  ({
    version: '3',
    triggerSource: 'TokenGeneration_ClientCredentials',
    region: 'eu-west-1',
    userPoolId: 'eu-west-1_pool',
    userName: clientId,
    callerContext: { awsSdkVersion: '3', clientId },
    request: { userAttributes: {}, groupConfiguration: {}, scopes: ['crisis-api/help-requests.write'] },
    response: { claimsAndScopeOverrideDetails: {} },
  }) as unknown as PreTokenGenerationClientCredentialsV3TriggerEvent;

/** The pool's app clients, id → name, as ListUserPoolClients gives them; counts the listings. */
const appClients = (names: Record<string, string>) => {
  const listings: string[] = [];
  return {
    listings,
    names: names as Record<string, string>,
    namesIn: async function (userPoolId: string) {
      listings.push(userPoolId);
      return new Map(Object.entries(this.names));
    },
  };
};

describe("the pre-token-generation trigger for a municipality's crisis software (client credentials)", () => {
  it("puts the municipality its client's name carries in the access token, where the API finds it", async () => {
    const trigger = preTokenGeneration(appClients({ '7abc': 'm2m-44021-GentCrisis' }));

    const result = await trigger(clientCredentials('7abc'));

    const added = result.response.claimsAndScopeOverrideDetails.accessTokenGeneration?.claimsToAddOrOverride;
    expect(added).toEqual({ municipality: '44021' });
    const accessToken = { sub: '7abc', client_id: '7abc', scope: 'crisis-api/help-requests.write', ...added };
    expect(identityFromClaims(accessToken)).toEqual({
      sub: '7abc',
      roles: ['requester'],
      municipality: '44021',
    });
  });

  it("lists the pool's clients once per container, and again only for a client it has not seen", async () => {
    const clients = appClients({ '7abc': 'm2m-44021-GentCrisis' });
    const trigger = preTokenGeneration(clients);

    for (const clientId of ['7abc', '7abc', '7abc']) await trigger(clientCredentials(clientId));
    expect(clients.listings).toEqual(['eu-west-1_pool']);

    // A client deployed after the container started.
    clients.names = { ...clients.names, '8def': 'm2m-24062-LeuvenViewer' };
    const result = await trigger(clientCredentials('8def'));
    expect(
      result.response.claimsAndScopeOverrideDetails.accessTokenGeneration?.claimsToAddOrOverride,
    ).toEqual({
      municipality: '24062',
    });
    expect(clients.listings).toEqual(['eu-west-1_pool', 'eu-west-1_pool']);
  });

  it.each([
    ['a client Cognito does not know', {}],
    ['a client whose name carries no municipality (made outside the stack)', { '7abc': 'GentCrisis-44021' }],
    ["the web pages' client", { '7abc': 'ApiClient' }],
    ['a name with a malformed NIS code', { '7abc': 'm2m-4402-Gent' }],
  ])('refuses a token to %s, logging the client id only', async (_why, names) => {
    const warn = vi.spyOn(logger, 'warn').mockImplementation(() => undefined);
    const trigger = preTokenGeneration(appClients(names));

    await expect(trigger(clientCredentials('7abc'))).rejects.toThrow(/municipality/);

    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/refused/), { clientId: '7abc' });
    warn.mockRestore();
  });

  it('never asks Cognito about the app client of a person signing in', async () => {
    const clients = appClients({});
    const result = await preTokenGeneration(clients)(
      tokenEvent({ sub: 'u5', 'custom:municipality': '44021', 'custom:assignment': '44021/' }),
    );

    expect(
      result.response.claimsAndScopeOverrideDetails.accessTokenGeneration?.claimsToAddOrOverride,
    ).toEqual({
      'custom:municipality': '44021',
    });
    expect(clients.listings).toEqual([]);
  });
});
