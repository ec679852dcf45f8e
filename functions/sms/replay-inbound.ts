import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import middy from '@middy/core';
import type { Context, SQSEvent, SQSRecord } from 'aws-lambda';
import { composePorts } from '../../shared/compose-ports';
import { eumPorts } from '../../shared/messaging/eum-ports';
import { deliveriesToReplay } from '../../shared/messaging/inbound-replay';
import { snsPorts } from '../../shared/messaging/sns-ports';
import { logger } from '../../shared/observability/logger';
import { observability } from '../../shared/observability/powertools';
import { adHocPorts, operationsPorts, registryPorts } from '../../shared/store/repository-ports';
import { handleInboundDelivery, type InboundPorts } from './inbound';

/**
 * Replays inbound SMS kept on the inbound failures queue (Lambda's on-failure records) or the subscription's
 * dead-letter queue (SNS notifications), through the inbound handler's own logic. Its event sources are off until
 * ops enable them (docs/runbook.md); a message that fails again stays on its queue.
 */
export const makeHandler = (ports: InboundPorts) => {
  const replay = async (record: SQSRecord) => {
    for (const delivery of deliveriesToReplay(record)) await handleInboundDelivery(ports, delivery);
    logger.info('inbound sms replayed', { messageId: record.messageId });
  };
  return middy(async (event: SQSEvent, context: Context) =>
    processPartialResponse(event, replay, new BatchProcessor(EventType.SQS), { context }),
  ).use(observability<SQSEvent>((event) => event.Records[0]?.messageId));
};

export const handler = makeHandler(
  composePorts({ ...registryPorts, ...operationsPorts, ...adHocPorts, ...snsPorts, ...eumPorts }),
);
