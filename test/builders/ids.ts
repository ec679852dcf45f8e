/** A valid, deterministic ULID-shaped id (26 Crockford base-32 characters) for test data. */
export const testId = (n: number): string => `01JZ${String(n).padStart(22, '0')}`;
