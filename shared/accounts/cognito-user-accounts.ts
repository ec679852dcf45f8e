import {
  AdminDeleteUserCommand,
  type CognitoIdentityProviderClient,
  ListUsersCommand,
  UserNotFoundException,
} from '@aws-sdk/client-cognito-identity-provider';
import type { UserAccounts } from './ports';

/**
 * Member accounts in the Cognito user pool. Its usernames are e-mail addresses, which the registry does not keep, so
 * the administrator marks a member's account with `preferred_username` = the volunteer id (a standard attribute
 * ListUsers can filter on, and no app client may write); `custom:volunteerId` must say the same.
 */
export class CognitoUserAccounts implements UserAccounts {
  constructor(
    private readonly cognito: CognitoIdentityProviderClient,
    private readonly userPoolId: () => string,
  ) {}

  async deleteMemberAccount(volunteerId: string): Promise<void> {
    const UserPoolId = this.userPoolId();
    const { Users = [] } = await this.cognito.send(
      new ListUsersCommand({ UserPoolId, Filter: `preferred_username = "${volunteerId}"` }),
    );
    const accounts = Users.filter((user) =>
      user.Attributes?.some((a) => a.Name === 'custom:volunteerId' && a.Value === volunteerId),
    );
    for (const { Username } of accounts) {
      try {
        await this.cognito.send(new AdminDeleteUserCommand({ UserPoolId, Username }));
      } catch (error) {
        // Deleted meanwhile, by an earlier try of the same erasure: nothing left to delete.
        if (!(error instanceof UserNotFoundException)) throw error;
      }
    }
  }
}
