/** Polls until `check` returns a value (the lifecycle runs asynchronously), failing after `timeoutMs`. */
export const eventually = async <T>(check: () => Promise<T | undefined>, timeoutMs = 10_000): Promise<T> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
};

/** Polls until `condition` holds, failing after `timeoutMs`. */
export const until = (condition: () => Promise<boolean> | boolean, timeoutMs?: number): Promise<true> =>
  eventually(async () => (await condition()) || undefined, timeoutMs);
