import {
  AdminDeleteUserCommand,
  CognitoIdentityProviderClient,
  InternalErrorException,
  UserNotFoundException,
} from '@aws-sdk/client-cognito-identity-provider';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { CognitoUserAccounts } from '../../../../shared/accounts/cognito-user-accounts';

const cognito = mockClient(CognitoIdentityProviderClient);
const accounts = new CognitoUserAccounts(new CognitoIdentityProviderClient({}), () => 'eu-west-1_Pool');
const VOLUNTEER = '01JB0000000000000000000001';

describe('deleting an erased member’s Cognito account', () => {
  afterEach(() => cognito.reset());

  it('deletes the user named after the volunteer id in the stage’s pool', async () => {
    cognito.on(AdminDeleteUserCommand).resolves({});

    await accounts.deleteMemberAccount(VOLUNTEER);

    expect(cognito.commandCalls(AdminDeleteUserCommand).map((call) => call.args[0].input)).toEqual([
      { UserPoolId: 'eu-west-1_Pool', Username: VOLUNTEER },
    ]);
  });

  it('counts an account that does not exist (never made, or deleted by an earlier try) as done', async () => {
    cognito
      .on(AdminDeleteUserCommand)
      .rejects(new UserNotFoundException({ message: 'User does not exist.', $metadata: {} }));

    await expect(accounts.deleteMemberAccount(VOLUNTEER)).resolves.toBeUndefined();
  });

  it('fails on any other error, so the erasure stops before the member record and the retry finishes it', async () => {
    cognito
      .on(AdminDeleteUserCommand)
      .rejects(new InternalErrorException({ message: 'try again', $metadata: {} }));

    await expect(accounts.deleteMemberAccount(VOLUNTEER)).rejects.toThrow('try again');
  });
});
