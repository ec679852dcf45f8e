import { describe, expect, it } from 'vitest';
import { erasureEntry, pseudonymOf, purgeEntry } from '../../../../shared/domain/erasure-ledger';

const SALT = 'a-salt-of-the-ledger-that-is-long-enough-0001';
const ID = '01JQ7ZV6M3K2X8Y4T5R9N0P1AB';

describe('the erasure ledger entries', () => {
  it('knows an erased member by HMAC-SHA256 of their id with the salt, the same every time', () => {
    expect(pseudonymOf(SALT, ID)).toMatch(/^[0-9a-f]{64}$/);
    expect(pseudonymOf(SALT, ID)).toBe(pseudonymOf(SALT, ID));
    expect(pseudonymOf(SALT, ID)).not.toBe(pseudonymOf(SALT, '01JQ7ZV6M3K2X8Y4T5R9N0P1AC'));
  });

  it('gives another hash under another salt, so the ledger alone matches no one', () => {
    expect(pseudonymOf(`${SALT}x`, ID)).not.toBe(pseudonymOf(SALT, ID));
  });

  it('refuses a salt shorter than 32 characters, whose hashes could be guessed', () => {
    expect(() => pseudonymOf('short-salt', ID)).toThrow('at least 32 characters');
  });

  it('keeps the month of an erasure and neither the id nor the time', () => {
    const entry = erasureEntry(SALT, ID, new Date('2026-03-17T14:23:45.678Z'));

    expect(entry).toEqual({ kind: 'volunteer-erased', pseudonym: pseudonymOf(SALT, ID), at: '2026-03' });
    expect(JSON.stringify(entry)).not.toContain(ID);
  });

  it('keeps a purged request by its id, with the day', () => {
    expect(purgeEntry('REQ-1', new Date('2026-06-20T23:59:00.000Z'))).toEqual({
      kind: 'spontaneous-purged',
      requestId: 'REQ-1',
      at: '2026-06-20',
    });
  });
});
