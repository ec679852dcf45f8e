import type { UserAccounts } from '../../shared/accounts/ports';

/** The user pool on one machine: remembers which member accounts were deleted, for tests and the demo. */
export class InMemoryUserAccounts implements UserAccounts {
  readonly deleted: string[] = [];
  /** Makes the next deletion fail with this error (fault injection). */
  failNext: Error | undefined;

  async deleteMemberAccount(volunteerId: string): Promise<void> {
    const failure = this.failNext;
    if (failure) {
      this.failNext = undefined;
      throw failure;
    }
    if (!this.deleted.includes(volunteerId)) this.deleted.push(volunteerId);
  }
}
