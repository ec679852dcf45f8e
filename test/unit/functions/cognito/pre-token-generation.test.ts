import type { PreTokenGenerationV2TriggerEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { handler } from '../../../../functions/cognito/pre-token-generation';
import { identityFromClaims } from '../../../../shared/http/identity-from-claims';

const tokenEvent = (userAttributes: Record<string, string>) =>
  ({
    version: '2',
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
