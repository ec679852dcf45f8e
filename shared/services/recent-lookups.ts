/**
 * What a warm function read lately, by key, for `ttlMs`: a surge registers thousands of citizens a second on one
 * spontaneous call, and reading the call's pointer and its request for each would put every registration on the
 * same two items. Only what was found is kept; a failed read is tried again by the next caller.
 */
export class RecentLookups<T> {
  private readonly entries = new Map<string, { until: number; value: T }>();

  constructor(
    private readonly ttlMs: number,
    /** A function serves a handful of calls at once; past this many it starts over rather than grow. */
    private readonly maxEntries = 100,
  ) {}

  async get(key: string, nowMs: number, read: () => Promise<T>): Promise<T> {
    const kept = this.entries.get(key);
    if (kept && kept.until > nowMs) return kept.value;
    const value = await read();
    if (this.entries.size >= this.maxEntries) this.entries.clear();
    this.entries.set(key, { until: nowMs + this.ttlMs, value });
    return value;
  }
}
