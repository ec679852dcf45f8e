import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The erasure ledger's salt for a local run: ERASURE_LEDGER_SALT if set; else, with a data directory, the one kept in
 * it (created on first use, readable by its owner only), so the ledger still matches after a restart; else a fresh
 * one, as the in-memory tables go with the process anyway.
 */
export const localLedgerSalt = (dataDir?: string): string => {
  if (process.env.ERASURE_LEDGER_SALT) return process.env.ERASURE_LEDGER_SALT;
  const fresh = () => randomBytes(32).toString('hex');
  if (!dataDir) return fresh();
  const file = path.join(dataDir, 'erasure-ledger-salt');
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, fresh(), { mode: 0o600 });
  }
  return readFileSync(file, 'utf8').trim();
};
