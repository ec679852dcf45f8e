/** Attributes that are personal whatever their value looks like: their whole value goes. */
const PERSONAL_KEYS = new Set([
  'name',
  'firstName',
  'lastName',
  'birthDate',
  'dateOfBirth',
  'email',
  'address',
  'contact',
  'messageBody',
  'body',
  'note',
]);

/** Attributes that hold a phone number: masked like maskPhone, so two numbers can still be told apart. */
const PHONE_KEYS = new Set(['phone', 'to', 'from', 'originationNumber', 'phoneNumber']);

/** What Powertools adds itself (ARNs with account ids, trace ids): never personal, and digit runs a phone pattern would hit. */
const LAMBDA_CONTEXT_KEYS = new Set([
  'function_arn',
  'function_request_id',
  'xray_trace_id',
  'correlation_id',
]);

export const REDACTED = '[redacted]';

/**
 * E.164 (+32470123456, +32 470 12 34 56, 0032…) and Belgian national forms (0470 12 34 56, 0470/12.34.56,
 * 09 123 45 67). Whole words only, so ISO dates, NIS codes and ULIDs stay readable.
 */
const PHONE_PATTERN = /(?:\+|\b00)\d{2,3}(?:[ ./-]?\d){6,12}\b|\b0\d(?:[ ./-]?\d){7,8}\b/g;

/** +32470123456 → +324******56: enough to tell numbers apart in an incident, not enough to call one. */
export const maskPhone = (phone: string): string =>
  phone.length <= 6
    ? '*'.repeat(phone.length)
    : `${phone.slice(0, 4)}${'*'.repeat(phone.length - 6)}${phone.slice(-2)}`;

/** Every phone number inside free text (an error message, a stack, a log message) masked. */
export const maskPhonesIn = (text: string): string =>
  text.replace(PHONE_PATTERN, (match) => maskPhone(match.replace(/[ ./-]/g, '')));

const maskPhoneValue = (value: unknown): unknown => {
  if (typeof value !== 'string') return REDACTED;
  // Already masked by the caller (maskPhone): masking again would only blur it further.
  if (value.includes('*')) return value;
  const masked = maskPhonesIn(value);
  return masked === value ? maskPhone(value) : masked;
};

// An error keeps its class name (`name` is personal elsewhere) and loses the phone numbers in its text.
const redactError = (error: Error, seen: WeakSet<object>): Record<string, unknown> => ({
  name: error.name,
  message: maskPhonesIn(error.message),
  ...(error.stack ? { stack: maskPhonesIn(error.stack) } : {}),
  ...(error.cause === undefined ? {} : { cause: redactValue(error.cause, seen) }),
});

const isErrorShaped = (value: Record<string, unknown>): boolean =>
  typeof value.message === 'string' && typeof value.stack === 'string';

const redactValue = (value: unknown, seen: WeakSet<object>): unknown => {
  if (typeof value === 'string') return maskPhonesIn(value);
  if (typeof value !== 'object' || value === null) return value;
  if (seen.has(value)) return '[circular]';
  seen.add(value);
  if (value instanceof Error) return redactError(value, seen);
  if (Array.isArray(value)) return value.map((item) => redactValue(item, seen));
  const record = value as Record<string, unknown>;
  const errorShaped = isErrorShaped(record);
  return Object.fromEntries(
    Object.entries(record).map(([key, item]) => {
      if (LAMBDA_CONTEXT_KEYS.has(key)) return [key, item];
      if (PHONE_KEYS.has(key)) return [key, maskPhoneValue(item)];
      if (PERSONAL_KEYS.has(key) && !(key === 'name' && errorShaped)) return [key, REDACTED];
      return [key, redactValue(item, seen)];
    }),
  );
};

/**
 * A copy of a structured log record with personal data gone, at any depth: personal attributes redacted, phone
 * attributes masked, and phone numbers inside any other text masked.
 */
export const redact = (value: unknown): unknown => redactValue(value, new WeakSet());
