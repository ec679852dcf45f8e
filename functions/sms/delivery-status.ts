import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import middy from '@middy/core';
import type { Context, SQSEvent, SQSRecord } from 'aws-lambda';
import { composePorts } from '../../shared/compose-ports';
import type { PortsOf } from '../../shared/manifest/granted-ports';
import { snsPorts } from '../../shared/messaging/sns-ports';
import { logger } from '../../shared/observability/logger';
import { observability } from '../../shared/observability/powertools';
import { parseJsonOrUndefined } from '../../shared/schemas/common';
import { smsDeliveryEventSchema, toDeliveryReceipt } from '../../shared/schemas/sms-job';
import { handleDeliveryReceipt } from '../../shared/services/sms';
import { adHocPorts, operationsPorts, registryPorts } from '../../shared/store/repository-ports';

/**
 * SMS delivery events: AWS End User Messaging SMS publishes each event of the configuration set to the SMS events
 * topic, which hands it (raw) to this function's queue. Each record is one event; a failed one goes back to the queue
 * on its own and lands in the dead letters after the queue's receive limit. Events of another kind are skipped,
 * events on the way (queued, pending) wait for the final one.
 */
export const makeHandler = (ports: PortsOf<'smsDeliveryStatus'>) => {
  const apply = async (record: SQSRecord) => {
    const parsed = smsDeliveryEventSchema.safeParse(parseJsonOrUndefined(record.body));
    if (!parsed.success) {
      // The body holds the destination number: its id is enough to find it on the queue.
      logger.warn('skipped an event that is not an SMS delivery event', { messageId: record.messageId });
      return;
    }
    const receipt = toDeliveryReceipt(parsed.data);
    if (!receipt) return;
    const outcome = await handleDeliveryReceipt(ports, receipt);
    logger.info('sms delivery receipt', { messageId: receipt.messageId, status: receipt.status, outcome });
  };
  // A processor per invocation: it holds the batch's failures (see the dispatcher).
  return middy(async (event: SQSEvent, context: Context) =>
    processPartialResponse(event, apply, new BatchProcessor(EventType.SQS), { context }),
  ).use(observability<SQSEvent>((event) => event.Records[0]?.messageId));
};

export const handler = makeHandler(
  composePorts({ ...registryPorts, ...operationsPorts, ...adHocPorts, ...snsPorts }),
);
