import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminDisableUserCommand,
  AdminGetUserCommand,
  AdminUserGlobalSignOutCommand,
  type AttributeType,
  type CognitoIdentityProviderClient,
  NotAuthorizedException,
  UserNotFoundException,
  UsernameExistsException,
} from '@aws-sdk/client-cognito-identity-provider';
import { officialAssignment } from '../domain/officials';
import type { AccountState, InvitationOutcome, OfficialAccounts, OfficialInvitation } from './ports';

const attribute = (attributes: AttributeType[] | undefined, name: string) =>
  attributes?.find((a) => a.Name === name)?.Value;

/**
 * Officials' accounts in the Cognito user pool. Cognito e-mails the invitation (the pool's template) with a
 * temporary password; the account carries `custom:municipality` with the administrator's `custom:assignment`
 * marker, exactly as the runbook's command sets them, so the token trigger lets it sign in.
 */
export class CognitoOfficialAccounts implements OfficialAccounts {
  constructor(
    private readonly cognito: CognitoIdentityProviderClient,
    private readonly userPoolId: () => string,
  ) {}

  async invite(invitation: OfficialInvitation): Promise<InvitationOutcome> {
    const UserPoolId = this.userPoolId();
    const { municipality, assignment } = officialAssignment(invitation.municipality);
    let sub: string | undefined;
    let adopted = false;
    try {
      const { User } = await this.cognito.send(
        new AdminCreateUserCommand({
          UserPoolId,
          Username: invitation.email,
          UserAttributes: [
            { Name: 'email', Value: invitation.email },
            // The address the invitation reaches is proven by the first sign-in with the password it carries.
            { Name: 'email_verified', Value: 'true' },
            { Name: 'name', Value: invitation.name },
            { Name: 'locale', Value: invitation.locale },
            { Name: 'custom:municipality', Value: municipality },
            { Name: 'custom:assignment', Value: assignment },
          ],
          DesiredDeliveryMediums: ['EMAIL'],
          // For a custom message trigger that would word the invitation per language (the template is trilingual).
          ClientMetadata: { locale: invitation.locale, role: invitation.role },
        }),
      );
      sub = attribute(User?.Attributes, 'sub');
    } catch (error) {
      if (!(error instanceof UsernameExistsException)) throw error;
      // A retry of an invitation whose first try made the account: it carries this very assignment and is enabled.
      const existing = await this.cognito.send(
        new AdminGetUserCommand({ UserPoolId, Username: invitation.email }),
      );
      const ours =
        existing.Enabled !== false &&
        attribute(existing.UserAttributes, 'custom:municipality') === municipality &&
        attribute(existing.UserAttributes, 'custom:assignment') === assignment;
      if (!ours) return { taken: true };
      sub = attribute(existing.UserAttributes, 'sub');
      adopted = true;
    }
    if (!sub) throw new Error('Cognito answered an account without a sub');
    await this.cognito.send(
      new AdminAddUserToGroupCommand({ UserPoolId, Username: sub, GroupName: invitation.role }),
    );
    return { sub, adopted };
  }

  async stateOf(sub: string): Promise<AccountState> {
    try {
      const user = await this.cognito.send(
        new AdminGetUserCommand({ UserPoolId: this.userPoolId(), Username: sub }),
      );
      if (user.Enabled === false) return 'disabled';
      return user.UserStatus === 'CONFIRMED' ? 'active' : 'invited';
    } catch (error) {
      if (error instanceof UserNotFoundException) return 'missing';
      throw error;
    }
  }

  async remove(sub: string): Promise<void> {
    const UserPoolId = this.userPoolId();
    try {
      // Refresh tokens first: a disabled account may no longer be signed out.
      await this.cognito.send(new AdminUserGlobalSignOutCommand({ UserPoolId, Username: sub }));
    } catch (error) {
      if (error instanceof UserNotFoundException) return;
      // Disabled by an earlier try of this removal, which signed it out before.
      if (!(error instanceof NotAuthorizedException)) throw error;
    }
    try {
      // Also revokes its access tokens.
      await this.cognito.send(new AdminDisableUserCommand({ UserPoolId, Username: sub }));
    } catch (error) {
      if (!(error instanceof UserNotFoundException)) throw error;
    }
  }
}
