import { paginateScan } from '@aws-sdk/lib-dynamodb';
import { erasureEntry, type LedgerEntry, pseudonymOf, purgeEntry } from '../domain/erasure-ledger';
import { erasureLedgerSalt } from '../erasure-ledger-salt';
import { documentClient, putIfAbsent } from './dynamo-client';
import { erasureLedgerKeys } from './keys/erasure-ledger-keys';
import { tableNames } from './tables';

/** What the ledger says must stay forgotten: the salted hashes of erased members and the purged requests. */
export interface ErasedAndPurged {
  erased: Set<string>;
  purged: string[];
}

/**
 * The erasure ledger: a table of its own that is never restored with the tables it protects, so after a
 * point-in-time restore it still knows whom to erase and which requests to purge again. Writes are append-only and
 * idempotent: a repeated erasure or purge keeps the first entry.
 */
export class ErasureLedgerRepository {
  constructor(
    private readonly db = documentClient(),
    private readonly salt: () => Promise<string> = () => erasureLedgerSalt(),
  ) {}

  /** Read on use: only the functions that erase, purge or re-apply are told the ledger table. */
  private get table(): string {
    return tableNames.erasureLedger();
  }

  async recordErasure(volunteerId: string, now: Date): Promise<void> {
    await this.put(erasureEntry(await this.salt(), volunteerId, now));
  }

  async recordPurge(requestId: string, now: Date): Promise<void> {
    await this.put(purgeEntry(requestId, now));
  }

  async pseudonymOf(volunteerId: string): Promise<string> {
    return pseudonymOf(await this.salt(), volunteerId);
  }

  async erasedAndPurged(): Promise<ErasedAndPurged> {
    const found: ErasedAndPurged = { erased: new Set(), purged: [] };
    for await (const page of paginateScan(
      { client: this.db },
      { TableName: this.table, ConsistentRead: true },
    )) {
      for (const item of (page.Items ?? []) as LedgerEntry[]) {
        if (item.kind === 'volunteer-erased') found.erased.add(item.pseudonym);
        else found.purged.push(item.requestId);
      }
    }
    return found;
  }

  private async put(entry: LedgerEntry): Promise<void> {
    const key =
      entry.kind === 'volunteer-erased'
        ? erasureLedgerKeys.erasedVolunteer(entry.pseudonym)
        : erasureLedgerKeys.purgedRequest(entry.requestId);
    // A retried erasure or purge keeps the first entry.
    await putIfAbsent(this.db, this.table, { ...key, ...entry });
  }
}
