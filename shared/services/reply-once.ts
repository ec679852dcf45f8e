import { REPLY_TTL_SECONDS } from '../domain/sms-ttl';
import { isThrottling } from '../messaging/ports';
import type { Ports } from '../ports';
import type { InboundSms } from '../schemas/sms-job';
import { sendBackingOff } from './throttled-send';

/**
 * The tool's one SMS back to an inbound message, whatever number of times SNS delivers it: false when it was sent
 * before. Sent from the number the person texted, so the conversation stays on one number; a failed send gives the
 * claim back, so the redelivered event tries again; a throttled one waits its turn first, and goes out on another
 * number of the pool when that one stays busy.
 */
export const replyOnce = async (
  ports: Pick<Ports, 'alerts' | 'sms' | 'metrics' | 'sleep'>,
  sms: InboundSms,
  receivedAt: string,
  to: string,
  body: string,
): Promise<boolean> => {
  if (!(await ports.alerts.claimReplyTo(sms.inboundMessageId, receivedAt))) return false;
  const reply = {
    to,
    body,
    ttlSeconds: REPLY_TTL_SECONDS,
    context: { kind: 'reply', inboundMessageId: sms.inboundMessageId },
  };
  const log = { inboundMessageId: sms.inboundMessageId };
  try {
    try {
      await sendBackingOff(
        ports,
        sms.destinationNumber ? { ...reply, from: sms.destinationNumber } : reply,
        log,
      );
    } catch (error) {
      // That number stays busy (a mass activation sends from it): another number of the pool answers.
      if (!sms.destinationNumber || !isThrottling(error)) throw error;
      await sendBackingOff(ports, reply, log);
    }
  } catch (error) {
    await ports.alerts.releaseReplyTo(sms.inboundMessageId);
    throw error;
  }
  return true;
};
