import { Logger } from '@aws-lambda-powertools/logger';

export const SERVICE_NAME = 'crisis-volunteer-corps';

/** One logger for the whole service. Log ids, counts and states; never whole events, names or phone numbers. */
export const logger = new Logger({ serviceName: SERVICE_NAME });

/** +32470123456 → +3247*****56: enough to tell numbers apart in an incident, not enough to call one. */
export const maskPhone = (phone: string): string =>
  phone.length <= 6
    ? '*'.repeat(phone.length)
    : `${phone.slice(0, 4)}${'*'.repeat(phone.length - 6)}${phone.slice(-2)}`;
