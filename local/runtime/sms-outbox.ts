import { randomUUID } from 'node:crypto';
import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { smsParts } from '../../shared/domain/gsm7';
import type { SmsGateway } from '../../shared/messaging/ports';
import type { SmsTraces } from '../../shared/messaging/sms-traces';
import { maskPhone } from '../../shared/observability/logger';
import type { SmsDeliveryLog } from '../../shared/schemas/sms-job';

export interface OutboxEntry {
  at: string;
  messageId: string;
  to: string;
  body: string;
  from?: string;
}

/** The reason carriers give SNS for a phone that cannot be reached (as in SNS's failure logs). */
export const UNREACHABLE_RESPONSE = 'Phone is currently unreachable/unavailable';

/**
 * The local stand-in for the SMS network: keeps every SMS in memory (for `/_local/sms/outbox`), appends it to a
 * JSONL file when a data directory is used, and prints it with the number masked. Like the real provider it refuses
 * sends over the rate of an origination number (ThrottledException) and reports every SMS's delivery, as SNS's
 * delivery status logs do: delivered, unless the phone was made undeliverable.
 */
export class SmsOutbox implements SmsGateway, SmsTraces {
  entries: OutboxEntry[] = [];
  /** Fault injection for tests: the next sends fail with this error. */
  failNext: { count: number; error: Error } | undefined;
  private readonly undeliverable = new Set<string>();
  private window = { second: 0, parts: new Map<string, number>() };
  private deliveryLogs: SmsDeliveryLog[] = [];

  constructor(private readonly options: { file?: string; print?: boolean; partsPerSecond?: number } = {}) {
    if (options.file) mkdirSync(path.dirname(options.file), { recursive: true });
  }

  async send(to: string, body: string, from?: string): Promise<{ messageId: string }> {
    if (this.failNext && this.failNext.count > 0) {
      this.failNext.count--;
      throw this.failNext.error;
    }
    const now = new Date();
    if (from) this.takeRate(from, smsParts(body), now);
    const entry = { at: now.toISOString(), messageId: randomUUID(), to, body, ...(from ? { from } : {}) };
    this.entries.push(entry);
    if (this.options.file) appendFileSync(this.options.file, `${JSON.stringify(entry)}\n`);
    if (this.options.print) console.log(`  SMS → ${maskPhone(to)}: ${body}`);
    this.deliveryLogs.push(deliveryLog(entry, this.undeliverable.has(to)));
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

  /** From now on every SMS to `phone` fails to deliver (a phone switched off, a wrong number). */
  makeUndeliverable(phone: string): void {
    this.undeliverable.add(phone);
  }

  /** The delivery status log lines written since the last call, as SNS writes them to CloudWatch Logs. */
  takeDeliveryLogs(): SmsDeliveryLog[] {
    const logs = this.deliveryLogs;
    this.deliveryLogs = [];
    return logs;
  }

  private takeRate(from: string, parts: number, now: Date): void {
    const second = Math.floor(now.getTime() / 1000);
    if (second !== this.window.second) this.window = { second, parts: new Map() };
    const used = this.window.parts.get(from) ?? 0;
    const limit = this.options.partsPerSecond;
    if (limit !== undefined && used > 0 && used + parts > limit) {
      throw Object.assign(new Error(`Rate exceeded for origination number ${maskPhone(from)}`), {
        name: 'ThrottledException',
      });
    }
    this.window.parts.set(from, used + parts);
  }
}

const deliveryLog = (entry: OutboxEntry, undeliverable: boolean): SmsDeliveryLog => ({
  notification: { messageId: entry.messageId, timestamp: entry.at.replace('T', ' ').replace('Z', '') },
  delivery: {
    providerResponse: undeliverable ? UNREACHABLE_RESPONSE : 'Message has been accepted by phone carrier',
  },
  status: undeliverable ? 'FAILURE' : 'SUCCESS',
});
