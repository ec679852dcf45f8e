/**
 * The sign-in accounts of people (Cognito in AWS). A member's account is named after their volunteer id: the
 * administrator creates it with that username, so erasing the member can find and delete it.
 */
export interface UserAccounts {
  /** Deletes the member's account; an account that does not exist (never made, or deleted before) is done too. */
  deleteMemberAccount(volunteerId: string): Promise<void>;
}
