import { REPLY_TTL_SECONDS } from '../domain/sms-ttl';
import type { Ports } from '../ports';
import type { InboundSms } from '../schemas/sms-job';
import { sendBackingOff } from './throttled-send';

/**
 * The tool's one SMS back to an inbound message, whatever number of times SNS delivers it: false when it was sent
 * before. Sent from the number the person texted, so the conversation stays on one number; a failed send gives the
 * claim back, so the redelivered event tries again; a throttled one waits its turn first.
 */
export const replyOnce = async (
  ports: Pick<Ports, 'alerts' | 'sms' | 'metrics' | 'sleep'>,
  sms: InboundSms,
  receivedAt: string,
  to: string,
  body: string,
): Promise<boolean> => {
  if (!(await ports.alerts.claimReplyTo(sms.inboundMessageId, receivedAt))) return false;
  try {
    await sendBackingOff(
      ports,
      {
        to,
        body,
        ...(sms.destinationNumber ? { from: sms.destinationNumber } : {}),
        ttlSeconds: REPLY_TTL_SECONDS,
        context: { kind: 'reply', inboundMessageId: sms.inboundMessageId },
      },
      { inboundMessageId: sms.inboundMessageId },
    );
  } catch (error) {
    await ports.alerts.releaseReplyTo(sms.inboundMessageId);
    throw error;
  }
  return true;
};
