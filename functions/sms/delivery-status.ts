import { gunzipSync } from 'node:zlib';
import middy from '@middy/core';
import type { CloudWatchLogsDecodedData, CloudWatchLogsEvent } from 'aws-lambda';
import pMap from 'p-map';
import { composePorts } from '../../shared/compose-ports';
import type { PortsOf } from '../../shared/manifest/granted-ports';
import { snsPorts } from '../../shared/messaging/sns-ports';
import { logger } from '../../shared/observability/logger';
import { observability } from '../../shared/observability/powertools';
import { maskPhonesIn } from '../../shared/observability/redact';
import { parseJsonOrUndefined } from '../../shared/schemas/common';
import { smsDeliveryLogSchema, toDeliveryReceipt } from '../../shared/schemas/sms-job';
import { handleDeliveryReceipt } from '../../shared/services/sms';
import { adHocPorts, operationsPorts, registryPorts } from '../../shared/store/repository-ports';

/**
 * Receipts applied at once. A subscription delivers up to 10,000 lines per event; one after the other, the receipts
 * of a mass activation would outlast the function's timeout. Each receipt is a conditional write of its own.
 */
const RECEIPTS_IN_FLIGHT = 25;

/** Enough of an unknown line to recognise it in an incident, with every phone number in it masked. */
const masked = (line: string) => maskPhonesIn(line.slice(0, 300));

/**
 * SMS delivery receipts: the SNS delivery status log lines that CloudWatch Logs subscription filters pass on
 * (gzipped, base64-encoded). Lines in another format are skipped; they are not ours to fail on.
 */
export const makeHandler = (ports: PortsOf<'smsDeliveryStatus'>) =>
  middy(async (event: CloudWatchLogsEvent) => {
    const data = JSON.parse(
      gunzipSync(Buffer.from(event.awslogs.data, 'base64')).toString('utf8'),
    ) as CloudWatchLogsDecodedData;
    if (data.messageType !== 'DATA_MESSAGE') return;
    await pMap(
      data.logEvents,
      async (line) => {
        const parsed = smsDeliveryLogSchema.safeParse(parseJsonOrUndefined(line.message));
        if (!parsed.success) {
          logger.warn('skipped a log line that is not an SMS delivery status', {
            logGroup: data.logGroup,
            line: masked(line.message),
          });
          return;
        }
        const receipt = toDeliveryReceipt(parsed.data);
        const outcome = await handleDeliveryReceipt(ports, receipt);
        logger.info('sms delivery receipt', {
          messageId: receipt.messageId,
          status: receipt.status,
          outcome,
        });
      },
      { concurrency: RECEIPTS_IN_FLIGHT },
    );
    // No id of its own in a log subscription event: the Lambda request id that every line carries is the correlation.
  }).use(observability<CloudWatchLogsEvent>(() => undefined));

export const handler = makeHandler(
  composePorts({ ...registryPorts, ...operationsPorts, ...adHocPorts, ...snsPorts }),
);
