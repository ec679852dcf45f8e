/**
 * The sign-in accounts of people (Cognito in AWS). A member's account carries their volunteer id (the administrator
 * sets it as `preferred_username` with `custom:volunteerId`), so erasing the member can find and delete it.
 */
export interface UserAccounts {
  /** Deletes the member's account; an account that does not exist (never made, or deleted before) is done too. */
  deleteMemberAccount(volunteerId: string): Promise<void>;
}
