import { Logger } from '@aws-lambda-powertools/logger';
import { redact } from './redact';

export { maskPhone } from './redact';

export const SERVICE_NAME = 'crisis-volunteer-corps';

/**
 * One logger for the whole service. Log ids, counts and states; whatever else slips in is redacted on the way
 * out (the replacer sees the whole record first, as the root value, and returns a clean copy).
 */
export const logger = new Logger({
  serviceName: SERVICE_NAME,
  jsonReplacerFn: (key, value) => (key === '' ? redact(value) : value),
});
