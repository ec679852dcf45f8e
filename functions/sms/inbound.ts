import middy from '@middy/core';
import type { SNSEvent } from 'aws-lambda';
import { composePorts } from '../../shared/compose-ports';
import type { PortsOf } from '../../shared/manifest/granted-ports';
import { eumPorts } from '../../shared/messaging/eum-ports';
import type { InboundDelivery } from '../../shared/messaging/inbound-replay';
import { snsPorts } from '../../shared/messaging/sns-ports';
import { logger } from '../../shared/observability/logger';
import { observability } from '../../shared/observability/powertools';
import { parseJsonOrUndefined } from '../../shared/schemas/common';
import { inboundSmsSchema } from '../../shared/schemas/sms-job';
import { handleInboundSms } from '../../shared/services/sms';
import { adHocPorts, operationsPorts, registryPorts } from '../../shared/store/repository-ports';

export type InboundPorts = PortsOf<'inboundSmsHandler'>;

/** One two-way SMS as SNS delivered it (or as a replay hands it back); the SNS timestamp orders answers. */
export const handleInboundDelivery = async (
  ports: InboundPorts,
  delivery: InboundDelivery,
): Promise<void> => {
  const parsed = inboundSmsSchema.safeParse(parseJsonOrUndefined(delivery.Message));
  if (!parsed.success) {
    logger.warn('inbound event that is not a two-way SMS', { messageId: delivery.MessageId });
    return;
  }
  const outcome = await handleInboundSms(ports, parsed.data, new Date(delivery.Timestamp).toISOString());
  logger.info('inbound sms', { inboundMessageId: parsed.data.inboundMessageId, outcome });
};

/**
 * Two-way SMS replies, delivered by the inbound SNS topic. An error fails the invocation: Lambda tries twice more,
 * then keeps the event on the inbound failures queue for replay (functions/sms/replay-inbound.ts).
 */
export const makeHandler = (ports: InboundPorts) =>
  middy(async (event: SNSEvent) => {
    for (const record of event.Records) await handleInboundDelivery(ports, record.Sns);
  }).use(observability<SNSEvent>((event) => event.Records[0]?.Sns.MessageId));

export const handler = makeHandler(
  composePorts({ ...registryPorts, ...operationsPorts, ...adHocPorts, ...snsPorts, ...eumPorts }),
);
