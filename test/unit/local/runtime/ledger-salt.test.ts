import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { localLedgerSalt } from '../../../../local/runtime/ledger-salt';
import { MIN_SALT_LENGTH } from '../../../../shared/domain/erasure-ledger';

afterEach(() => {
  vi.unstubAllEnvs();
});

describe("the local runtime's erasure ledger salt", () => {
  it('keeps one salt in the data directory, readable by its owner only, so the ledger still matches after a restart', () => {
    vi.stubEnv('ERASURE_LEDGER_SALT', '');
    const dataDir = path.join(mkdtempSync(path.join(tmpdir(), 'ledger-salt-')), 'data');

    const first = localLedgerSalt(dataDir);

    expect(first.length).toBeGreaterThanOrEqual(MIN_SALT_LENGTH);
    expect(localLedgerSalt(dataDir)).toBe(first);
    expect(statSync(path.join(dataDir, 'erasure-ledger-salt')).mode & 0o777).toBe(0o600);
  });

  it('makes a fresh salt for in-memory tables, and takes ERASURE_LEDGER_SALT when set', () => {
    vi.stubEnv('ERASURE_LEDGER_SALT', '');
    expect(localLedgerSalt()).not.toBe(localLedgerSalt());

    vi.stubEnv('ERASURE_LEDGER_SALT', 'a-configured-salt-of-the-ledger-0123456789');
    expect(localLedgerSalt(mkdtempSync(path.join(tmpdir(), 'ledger-salt-')))).toBe(
      'a-configured-salt-of-the-ledger-0123456789',
    );
  });
});
