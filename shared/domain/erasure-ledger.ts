import { createHmac } from 'node:crypto';

/**
 * The erasure ledger remembers who was erased and which requests were purged, so a point-in-time restore can be made
 * to forget them again. It holds no personal data: an erased member is known only by a salted hash of their id
 * (HMAC-SHA256 with a secret salt), which says nothing about who they were to anyone without the salt and the id.
 */

/** The salt is a random secret of at least 32 bytes' worth of text; a short one would make the hashes guessable. */
export const MIN_SALT_LENGTH = 32;

export type LedgerEntry =
  | { kind: 'volunteer-erased'; pseudonym: string; at: string }
  | { kind: 'spontaneous-purged'; requestId: string; at: string };

/** HMAC-SHA256(salt, volunteerId), hex: the only form in which an erased member's id is kept. */
export const pseudonymOf = (salt: string, volunteerId: string): string => {
  if (salt.length < MIN_SALT_LENGTH)
    throw new Error(`the erasure ledger salt must be at least ${MIN_SALT_LENGTH} characters`);
  return createHmac('sha256', salt).update(volunteerId).digest('hex');
};

/** Month precision, like the former member's `leftIn`: an exact time would match the audit entry that names them. */
export const erasureEntry = (salt: string, volunteerId: string, now: Date): LedgerEntry => ({
  kind: 'volunteer-erased',
  pseudonym: pseudonymOf(salt, volunteerId),
  at: now.toISOString().slice(0, 7),
});

/** A request id names no one, so it is kept as it is, with the day of the purge. */
export const purgeEntry = (requestId: string, now: Date): LedgerEntry => ({
  kind: 'spontaneous-purged',
  requestId,
  at: now.toISOString().slice(0, 10),
});
