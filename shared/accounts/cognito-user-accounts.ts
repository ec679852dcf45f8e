import {
  AdminDeleteUserCommand,
  type CognitoIdentityProviderClient,
  UserNotFoundException,
} from '@aws-sdk/client-cognito-identity-provider';
import type { UserAccounts } from './ports';

/** Member accounts in the Cognito user pool, whose username is the volunteer id. */
export class CognitoUserAccounts implements UserAccounts {
  constructor(
    private readonly cognito: CognitoIdentityProviderClient,
    private readonly userPoolId: () => string,
  ) {}

  async deleteMemberAccount(volunteerId: string): Promise<void> {
    try {
      await this.cognito.send(
        new AdminDeleteUserCommand({ UserPoolId: this.userPoolId(), Username: volunteerId }),
      );
    } catch (error) {
      // Never made, or deleted by an earlier try of the same erasure: nothing left to delete.
      if (!(error instanceof UserNotFoundException)) throw error;
    }
  }
}
