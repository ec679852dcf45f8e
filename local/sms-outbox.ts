import { randomUUID } from 'node:crypto';
import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { SmsGateway } from '../shared/messaging/ports';
import type { SmsTraces } from '../shared/messaging/sms-traces';
import { maskPhone } from '../shared/observability/logger';

export interface OutboxEntry {
  at: string;
  messageId: string;
  to: string;
  body: string;
}

/**
 * The local stand-in for the SMS network: keeps every SMS in memory (for `/_local/sms/outbox`), appends it to a
 * JSONL file when a data directory is used, and prints it with the number masked.
 */
export class SmsOutbox implements SmsGateway, SmsTraces {
  entries: OutboxEntry[] = [];
  /** Fault injection for tests: the next sends fail with this error. */
  failNext: { count: number; error: Error } | undefined;

  constructor(private readonly options: { file?: string; print?: boolean } = {}) {
    if (options.file) mkdirSync(path.dirname(options.file), { recursive: true });
  }

  async send(to: string, body: string): Promise<{ messageId: string }> {
    if (this.failNext && this.failNext.count > 0) {
      this.failNext.count--;
      throw this.failNext.error;
    }
    const entry = { at: new Date().toISOString(), messageId: randomUUID(), to, body };
    this.entries.push(entry);
    if (this.options.file) appendFileSync(this.options.file, `${JSON.stringify(entry)}\n`);
    if (this.options.print) console.log(`  SMS → ${maskPhone(to)}: ${body}`);
    return { messageId: entry.messageId };
  }

  sentTo(phone: string): OutboxEntry[] {
    return this.entries.filter((e) => e.to === phone);
  }

  async count(phones: readonly string[]): Promise<number> {
    return this.entries.filter((e) => phones.includes(e.to)).length;
  }

  /** The purge of spontaneous volunteers: their messages go from memory and from the JSONL file. */
  async forget(phones: readonly string[]): Promise<void> {
    this.entries = this.entries.filter((e) => !phones.includes(e.to));
    const file = this.options.file;
    // The file may hold messages of earlier runs too (a kept data directory): filter it line by line.
    if (file && existsSync(file)) {
      const kept = readFileSync(file, 'utf8')
        .split('\n')
        .filter((line) => line && !phones.includes((JSON.parse(line) as OutboxEntry).to));
      writeFileSync(file, kept.map((line) => `${line}\n`).join(''));
    }
  }
}
