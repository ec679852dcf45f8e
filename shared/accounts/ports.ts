/**
 * The sign-in accounts of people (Cognito in AWS). A member's account carries their volunteer id (the administrator
 * sets it as `preferred_username` with `custom:volunteerId`), so erasing the member can find and delete it.
 */
export interface UserAccounts {
  /** Deletes the member's account; an account that does not exist (never made, or deleted before) is done too. */
  deleteMemberAccount(volunteerId: string): Promise<void>;
}

/** An invitation as the account gets it: e-mail (the sign-in), name, language, role (a group), municipality. */
export interface OfficialInvitation {
  email: string;
  name: string;
  locale: 'nl' | 'fr' | 'en';
  role: 'municipal-admin' | 'requester';
  municipality: string;
  /** The municipality's name, for the invitation text. */
  municipalityName: string;
}

/**
 * What inviting found: a new account, the account an earlier try of this same invitation made (same e-mail,
 * assigned to this municipality: the retry adopts it), or an account of someone else under that e-mail.
 */
export type InvitationOutcome = { sub: string; adopted: boolean } | { taken: true };

/** Whether the official ever signed in (Cognito's CONFIRMED), not yet, disabled, or no account at all. */
export type AccountState = 'invited' | 'active' | 'disabled' | 'missing';

/**
 * Officials' sign-in accounts (Cognito in AWS): invited by e-mail with their group, municipality and the
 * administrator's marker; removed by disabling the account and signing it out everywhere.
 */
export interface OfficialAccounts {
  invite(invitation: OfficialInvitation): Promise<InvitationOutcome>;
  stateOf(sub: string): Promise<AccountState>;
  /** Disables the account and revokes its refresh tokens; a missing or already disabled account is done too. */
  remove(sub: string): Promise<void>;
}
