/**
 * Which origination number sends an SMS, and when. Pure rules: the rate counters live in DynamoDB, the clock and the
 * randomness are passed in.
 */

/** The account's default origination identity, for a stage that has no pool of its own (e.g. a sandbox). */
export const ACCOUNT_DEFAULT_ORIGINATION = 'account-default';

/** What the records say a dry exercise's SMS went out on: nothing, it stayed in the request's outbox. */
export const DRY_ORIGINATION = 'dry-exercise';

/** The first send and one retry through another number after a failed delivery receipt. */
export const MAX_DELIVERY_ATTEMPTS = 2;

/** How long a dispatcher waits for room in the pool before it gives the job back to the queue. */
export const MAX_RATE_WAIT_SECONDS = 5;

/** SMS jobs per dispatcher invocation (the SQS event source's batch size). */
export const DISPATCH_BATCH = 10;

/**
 * Dispatchers in flight, sized to what the pool can send: each one works a batch in parallel, so more of them than
 * the pool has room for per second would only wait on the rate limiter and, after its bounded wait, fail records
 * towards the DLQ. 2 is the SQS event source's minimum, 10 the cap the stack was load-planned for.
 */
export const dispatchConcurrency = (numbers: number, partsPerSecond: number): number =>
  Math.min(10, Math.max(2, Math.ceil((Math.max(1, numbers) * partsPerSecond) / DISPATCH_BATCH)));

const hash = (text: string): number => {
  let h = 0;
  for (const char of text) h = (Math.imul(h, 31) + (char.codePointAt(0) ?? 0)) >>> 0;
  return h;
};

/**
 * The numbers to try, best first. A recipient starts on the same number every time (replies and retries stay on a
 * thread the phone knows), recipients spread evenly over the pool, and a full number overflows to the next ones.
 * `avoid` (the number a failed delivery went out on) comes last, and only when the pool has nothing else.
 */
export const originationCandidates = (pool: readonly string[], to: string, avoid?: string): string[] => {
  if (pool.length === 0) return [ACCOUNT_DEFAULT_ORIGINATION];
  const start = hash(to) % pool.length;
  const rotated = [...pool.slice(start), ...pool.slice(0, start)];
  const others = rotated.filter((number) => number !== avoid);
  return others.length > 0 ? others : rotated;
};

/**
 * Exponential backoff with full jitter (AWS Architecture Blog): a random wait in [0, min(cap, base · 2^attempt)),
 * so dispatchers throttled together do not retry together.
 */
export const backoffDelayMs = (attempt: number, random: number, baseMs = 100, capMs = 2000): number =>
  Math.floor(random * Math.min(capMs, baseMs * 2 ** attempt));

/** After a failed delivery receipt: one more try through another number, then the recipient counts as unreachable. */
export const afterDeliveryFailure = (attempts: number): 'retry' | 'give-up' =>
  attempts < MAX_DELIVERY_ATTEMPTS ? 'retry' : 'give-up';

/**
 * queued → sending → sent → delivered | failed (for good); a first failed delivery goes back to queued once. A
 * recipient who opted out before it went out leaves it withheld (for good); an SMS whose time to live ran out, before
 * it was sent or before the provider could deliver it, is expired (for good, never sent late).
 */
export type SmsStatus = 'queued' | 'sending' | 'sent' | 'delivered' | 'failed' | 'withheld' | 'expired';

/** Alerts that did not reach their volunteer, who the coordinator may call instead. */
export const missedRecipient = (status: SmsStatus): boolean => status === 'failed' || status === 'expired';

/** Whether an SMS is still owed: a mobilisation run again hands these to the dispatcher (the claim dedupes). */
export const awaitsSending = (status: SmsStatus): boolean => status === 'queued' || status === 'sending';
