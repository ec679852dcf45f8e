import { randomUUID } from 'node:crypto';
import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parsePhoneNumberFromString } from 'libphonenumber-js/mobile';
import { smsParts } from '../../shared/domain/gsm7';
import { ACCOUNT_DEFAULT_ORIGINATION } from '../../shared/domain/origination';
import { PROVIDER_BURST_SECONDS, paceSend } from '../../shared/domain/send-pacing';
import {
  type OutgoingSms,
  type SmsGateway,
  SmsRecipientOptedOut,
  SmsRefused,
} from '../../shared/messaging/ports';
import type { SmsTraces } from '../../shared/messaging/sms-traces';
import { maskPhone } from '../../shared/observability/logger';
import type { SmsDeliveryEvent } from '../../shared/schemas/sms-job';

/** Where an SMS stands in the local network: delivered, failed, waiting for a switched-off phone, or dropped. */
export type OutboxStatus = 'delivered' | 'failed' | 'waiting' | 'expired';

export interface OutboxEntry {
  at: string;
  messageId: string;
  to: string;
  body: string;
  /** The number of the pool it went out on. */
  from: string;
  status: OutboxStatus;
}

/** The description carriers give for a phone that cannot be reached. */
export const UNREACHABLE_RESPONSE = 'Phone is currently unreachable/unavailable';

/** The stage's SMS settings, as the pool, the protect configuration and the price cap apply them in AWS. */
export interface LocalSmsNetwork {
  /** The pool's numbers; an SMS sent from the pool goes out on one with room in its bucket. */
  pool: readonly string[];
  /** Message parts per second each number may send. */
  partsPerSecond?: number;
  /** The protect configuration's allowed countries (ISO codes): SMS to any other country are refused. */
  allowedCountries: readonly string[];
  /** The price cap per message (USD, all its parts). */
  maxPriceUsd: number;
  /** The price per part the local network charges (an assumed Belgian mobile rate). */
  pricePerPartUsd?: number;
}

const DEFAULT_PRICE_PER_PART_USD = 0.08;

/**
 * The local stand-in for AWS End User Messaging SMS and the phone network behind it. It keeps every SMS in memory
 * (for `/_local/sms/outbox`), appends it to a JSONL file when a data directory is used, and prints it with the number
 * masked. Like the service, it sends from the pool (or a number of it) within each number's rate (else a throttling
 * error), refuses a country outside the protect configuration and a message over the price cap, and reports every
 * SMS through delivery events as the configuration set's event destination would: delivered, failed for a number
 * made undeliverable, or — for a phone switched off until its time to live runs out — TEXT_TTL_EXPIRED and never
 * delivered.
 */
export class SmsOutbox implements SmsGateway, SmsTraces {
  entries: OutboxEntry[] = [];
  /** Fault injection for tests: the next sends fail with this error. */
  failNext: { count: number; error: Error } | undefined;
  /** Told when events wait to be taken outside a send (a time to live that ran out). */
  onEvents: () => void = () => {};
  private readonly undeliverable = new Set<string>();
  private readonly switchedOff = new Set<string>();
  private readonly optedOut = new Set<string>();
  private readonly expiries = new Map<string, NodeJS.Timeout>();
  /** When each number's send bucket is next full (`paceSend`). */
  private readonly fullAt = new Map<string, number>();
  private events: SmsDeliveryEvent[] = [];

  constructor(
    private readonly network: LocalSmsNetwork,
    private readonly options: { file?: string; print?: boolean } = {},
  ) {
    if (options.file) mkdirSync(path.dirname(options.file), { recursive: true });
  }

  async send(sms: OutgoingSms): Promise<{ messageId: string }> {
    if (this.failNext && this.failNext.count > 0) {
      this.failNext.count--;
      throw this.failNext.error;
    }
    const country = parsePhoneNumberFromString(sms.to)?.country;
    if (!country || !this.network.allowedCountries.includes(country))
      throw new SmsRefused('DESTINATION_COUNTRY_BLOCKED_BY_PROTECT_CONFIGURATION');
    const parts = smsParts(sms.body);
    if (parts * (this.network.pricePerPartUsd ?? DEFAULT_PRICE_PER_PART_USD) > this.network.maxPriceUsd)
      throw new SmsRefused('PRICE_OVER_THRESHOLD');
    if (this.optedOut.has(sms.to)) throw new SmsRecipientOptedOut('DESTINATION_PHONE_NUMBER_OPTED_OUT');
    const now = new Date();
    const from = this.takeRate(sms, parts, now);
    const entry: OutboxEntry = {
      at: now.toISOString(),
      messageId: randomUUID(),
      to: sms.to,
      body: sms.body,
      from,
      status: 'waiting',
    };
    this.entries.push(entry);
    if (this.options.file) appendFileSync(this.options.file, `${JSON.stringify(entry)}\n`);
    if (this.options.print) console.log(`  SMS → ${maskPhone(sms.to)}: ${sms.body}`);
    if (this.switchedOff.has(sms.to)) this.holdUntilExpiry(entry, sms.ttlSeconds);
    else this.settle(entry, this.undeliverable.has(sms.to) ? 'failed' : 'delivered');
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

  /** From now on every SMS to `phone` fails to deliver (a wrong number). */
  makeUndeliverable(phone: string): void {
    this.undeliverable.add(phone);
  }

  /** SMS to `phone` wait in the network (a phone switched off) until it is switched on or their time to live runs out. */
  switchOff(phone: string): void {
    this.switchedOff.add(phone);
  }

  /** The phone comes back: what waits for it and is still within its time to live is delivered now. */
  switchOn(phone: string): void {
    this.switchedOff.delete(phone);
    for (const entry of this.entries.filter((e) => e.to === phone && e.status === 'waiting'))
      this.settle(entry, 'delivered');
    this.onEvents();
  }

  /** The number is on the pool's opt-out list: the service refuses every SMS to it. */
  optOut(phone: string): void {
    this.optedOut.add(phone);
  }

  /** The delivery events since the last call, as the configuration set's event destination publishes them. */
  takeEvents(): SmsDeliveryEvent[] {
    const events = this.events;
    this.events = [];
    return events;
  }

  /** Stops the timers of SMS still waiting for a phone (the runtime is stopping). */
  close(): void {
    for (const timer of this.expiries.values()) clearTimeout(timer);
    this.expiries.clear();
  }

  private holdUntilExpiry(entry: OutboxEntry, ttlSeconds: number): void {
    const timer = setTimeout(() => {
      if (entry.status !== 'waiting') return;
      this.settle(entry, 'expired');
      this.onEvents();
    }, ttlSeconds * 1000);
    timer.unref();
    this.expiries.set(entry.messageId, timer);
  }

  private settle(entry: OutboxEntry, status: Exclude<OutboxStatus, 'waiting'>): void {
    entry.status = status;
    clearTimeout(this.expiries.get(entry.messageId));
    this.expiries.delete(entry.messageId);
    this.events.push(deliveryEvent(entry, status));
  }

  /**
   * The number the SMS goes out on: the one asked for, or the pool's first with room in its bucket. Each number's
   * bucket holds a second of its parts and refills at its rate (AWS's MPS); past that, the service throttles.
   */
  private takeRate(sms: OutgoingSms, parts: number, now: Date): string {
    if (sms.from && !this.network.pool.includes(sms.from))
      throw Object.assign(new Error(`${maskPhone(sms.from)} is not a number of the pool`), {
        name: 'ResourceNotFoundException',
      });
    const limit = this.network.partsPerSecond;
    const pool = this.network.pool.length ? this.network.pool : [ACCOUNT_DEFAULT_ORIGINATION];
    const candidates = sms.from ? [sms.from] : pool;
    for (const number of candidates) {
      if (limit === undefined) return number;
      const decision = paceSend({
        fullAt: this.fullAt.get(number),
        nowMs: now.getTime(),
        parts,
        partsPerSecond: limit,
        burstSeconds: PROVIDER_BURST_SECONDS,
      });
      if (decision.allowed) {
        this.fullAt.set(number, decision.fullAt);
        return number;
      }
    }
    throw Object.assign(new Error(`Rate exceeded for ${sms.from ? maskPhone(sms.from) : 'the pool'}`), {
      name: 'ThrottlingException',
    });
  }
}

const EVENT_OF: Record<Exclude<OutboxStatus, 'waiting'>, { eventType: string; description: string }> = {
  delivered: { eventType: 'TEXT_DELIVERED', description: 'Message has been accepted by phone' },
  failed: { eventType: 'TEXT_UNREACHABLE', description: UNREACHABLE_RESPONSE },
  expired: { eventType: 'TEXT_TTL_EXPIRED', description: 'Message expired before it could be delivered' },
};

const deliveryEvent = (entry: OutboxEntry, status: Exclude<OutboxStatus, 'waiting'>): SmsDeliveryEvent => ({
  eventType: EVENT_OF[status].eventType,
  eventTimestamp: Date.now(),
  messageId: entry.messageId,
  messageStatusDescription: EVENT_OF[status].description,
  originationPhoneNumber: entry.from,
});
