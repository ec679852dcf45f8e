import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import middy from '@middy/core';
import type { Context, SQSEvent, SQSRecord } from 'aws-lambda';
import { composePorts } from '../../shared/compose-ports';
import { recipientOf } from '../../shared/domain/sms-job';
import type { PortsOf } from '../../shared/manifest/granted-ports';
import { eumPorts } from '../../shared/messaging/eum-ports';
import { logger } from '../../shared/observability/logger';
import { observability } from '../../shared/observability/powertools';
import { smsJobSchema } from '../../shared/schemas/sms-job';
import { dispatchSms } from '../../shared/services/sms';
import { adHocPorts, operationsPorts, registryPorts } from '../../shared/store/repository-ports';

/**
 * SQS-fed SMS dispatcher. Each record is one SMS job; failed records go back to the queue on their own
 * (partial batch response) and land in the DLQ after the queue's receive limit.
 */
export const makeHandler = (ports: PortsOf<'smsDispatcher'>) => {
  const send = async (record: SQSRecord) => {
    const job = smsJobSchema.parse(JSON.parse(record.body));
    const outcome = await dispatchSms(ports, job);
    logger.info('sms job', {
      messageId: record.messageId,
      requestId: job.requestId,
      kind: job.kind,
      recipient: recipientOf(job),
      outcome,
    });
  };
  // A processor per invocation: it holds the batch's failures, and invocations that share one handler (the local
  // runtime's concurrent dispatchers) would report each other's.
  return middy(async (event: SQSEvent, context: Context) =>
    processPartialResponse(event, send, new BatchProcessor(EventType.SQS), { context }),
  ).use(observability<SQSEvent>((event) => event.Records[0]?.messageId));
};

export const handler = makeHandler(
  composePorts({ ...registryPorts, ...operationsPorts, ...adHocPorts, ...eumPorts }),
);
