import {
  AdminDeleteUserCommand,
  CognitoIdentityProviderClient,
  InternalErrorException,
  ListUsersCommand,
  UserNotFoundException,
} from '@aws-sdk/client-cognito-identity-provider';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { CognitoUserAccounts } from '../../../../shared/accounts/cognito-user-accounts';

const cognito = mockClient(CognitoIdentityProviderClient);
const accounts = new CognitoUserAccounts(new CognitoIdentityProviderClient({}), () => 'eu-west-1_Pool');
const VOLUNTEER = '01JB0000000000000000000001';

/** A user as ListUsers returns it: the username Cognito made (the sub), the volunteer id it was assigned. */
const aMemberAccount = (username: string, volunteerId = VOLUNTEER) => ({
  Username: username,
  Attributes: [
    { Name: 'preferred_username', Value: VOLUNTEER },
    { Name: 'custom:volunteerId', Value: volunteerId },
  ],
});

describe('deleting an erased member’s Cognito account', () => {
  afterEach(() => cognito.reset());

  it('finds the account marked with the volunteer id in the stage’s pool and deletes it', async () => {
    cognito.on(ListUsersCommand).resolves({ Users: [aMemberAccount('3f1c-sub')] });
    cognito.on(AdminDeleteUserCommand).resolves({});

    await accounts.deleteMemberAccount(VOLUNTEER);

    expect(cognito.commandCalls(ListUsersCommand)[0]!.args[0].input).toEqual({
      UserPoolId: 'eu-west-1_Pool',
      Filter: `preferred_username = "${VOLUNTEER}"`,
    });
    expect(cognito.commandCalls(AdminDeleteUserCommand).map((call) => call.args[0].input)).toEqual([
      { UserPoolId: 'eu-west-1_Pool', Username: '3f1c-sub' },
    ]);
  });

  it('leaves an account alone whose volunteer id attribute says someone else', async () => {
    cognito
      .on(ListUsersCommand)
      .resolves({ Users: [aMemberAccount('other-sub', '01JB0000000000000000000009')] });

    await accounts.deleteMemberAccount(VOLUNTEER);

    expect(cognito.commandCalls(AdminDeleteUserCommand)).toHaveLength(0);
  });

  it('counts no account (never made, or deleted by an earlier try) as done', async () => {
    cognito.on(ListUsersCommand).resolves({ Users: [] });
    await expect(accounts.deleteMemberAccount(VOLUNTEER)).resolves.toBeUndefined();

    cognito.on(ListUsersCommand).resolves({ Users: [aMemberAccount('3f1c-sub')] });
    cognito
      .on(AdminDeleteUserCommand)
      .rejects(new UserNotFoundException({ message: 'User does not exist.', $metadata: {} }));
    await expect(accounts.deleteMemberAccount(VOLUNTEER)).resolves.toBeUndefined();
  });

  it('fails on any other error, so the erasure stops before the member record and the retry finishes it', async () => {
    cognito.on(ListUsersCommand).resolves({ Users: [aMemberAccount('3f1c-sub')] });
    cognito
      .on(AdminDeleteUserCommand)
      .rejects(new InternalErrorException({ message: 'try again', $metadata: {} }));

    await expect(accounts.deleteMemberAccount(VOLUNTEER)).rejects.toThrow('try again');
  });
});
