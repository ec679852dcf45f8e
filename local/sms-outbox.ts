import { randomUUID } from 'node:crypto';
import { appendFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import type { SmsGateway } from '../shared/messaging/ports';
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
export class SmsOutbox implements SmsGateway {
  readonly entries: OutboxEntry[] = [];
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
}
