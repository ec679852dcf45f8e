import middy from '@middy/core';
import type { SNSEvent } from 'aws-lambda';
import { awsPorts } from '../../shared/aws-ports';
import { snsPorts } from '../../shared/messaging/sns-ports';
import { logger } from '../../shared/observability/logger';
import { observability } from '../../shared/observability/powertools';
import type { BasePorts, Ports } from '../../shared/ports';
import { parseJsonOrUndefined } from '../../shared/schemas/common';
import { inboundSmsSchema } from '../../shared/schemas/sms-job';
import { handleInboundSms } from '../../shared/services/sms';

/** Two-way SMS replies, delivered by the inbound SNS topic; the SNS timestamp orders answers that arrive out of order. */
export const makeHandler = (ports: BasePorts & Pick<Ports, 'sms' | 'smsJobs'>) =>
  middy(async (event: SNSEvent) => {
    for (const record of event.Records) {
      const parsed = inboundSmsSchema.safeParse(parseJsonOrUndefined(record.Sns.Message));
      if (!parsed.success) {
        logger.warn('inbound event that is not a two-way SMS', { messageId: record.Sns.MessageId });
        continue;
      }
      const outcome = await handleInboundSms(
        ports,
        parsed.data,
        new Date(record.Sns.Timestamp).toISOString(),
      );
      logger.info('inbound sms', { inboundMessageId: parsed.data.inboundMessageId, outcome });
    }
  }).use(observability<SNSEvent>((event) => event.Records[0]?.Sns.MessageId));

export const handler = makeHandler(awsPorts(snsPorts));
