import { backoffDelayMs } from '../domain/origination';
import { isThrottling, type OutgoingSms, SmsRecipientOptedOut, SmsRefused } from '../messaging/ports';
import { logger } from '../observability/logger';
import type { Ports } from '../ports';

/**
 * In-process retries of a throttled send before the caller gives up (the job goes back to the queue, the inbound
 * message is redelivered): the one retry policy of a send (the gateway's client tries once).
 */
export const THROTTLE_RETRIES = 3;

/**
 * Sends one SMS, backing off and sending again while the provider throttles: during a mass activation the pool is
 * busy, and a dispatcher's alert or a reply to a volunteer's JA must wait its turn rather than fail. A refusal or an
 * opt-out is the provider's answer, never retried. Ids only in the log.
 */
export const sendBackingOff = async (
  ports: Pick<Ports, 'sms' | 'metrics' | 'sleep'>,
  sms: OutgoingSms,
  logContext: Record<string, string | undefined>,
): Promise<{ messageId: string }> => {
  for (let attempt = 0; ; attempt++) {
    try {
      return await ports.sms.send(sms);
    } catch (error) {
      if (error instanceof SmsRefused || error instanceof SmsRecipientOptedOut) {
        ports.metrics.add('SmsFailures', 1);
        throw error;
      }
      const throttled = isThrottling(error);
      if (throttled) ports.metrics.add('SmsThrottled', 1);
      if (!throttled || attempt >= THROTTLE_RETRIES) {
        ports.metrics.add('SmsFailures', 1);
        throw error;
      }
      logger.warn('sms throttled, backing off', { ...logContext, attempt });
      await ports.sleep(backoffDelayMs(attempt, Math.random()));
    }
  }
};
