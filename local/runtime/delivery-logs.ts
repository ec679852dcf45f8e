import { gzipSync } from 'node:zlib';
import type { CloudWatchLogsDecodedData, CloudWatchLogsEvent } from 'aws-lambda';

/** The log groups SNS writes SMS delivery status to (the account's, per region). */
export const deliveryLogGroups = (region: string, account: string) => ({
  success: `sns/${region}/${account}/DirectPublishToPhoneNumber`,
  failure: `sns/${region}/${account}/DirectPublishToPhoneNumber/Failure`,
});

/** What a CloudWatch Logs subscription filter hands a Lambda function: the log lines, gzipped and base64-encoded. */
export const subscriptionEvent = (
  logGroup: string,
  messages: string[],
  at = Date.now(),
): CloudWatchLogsEvent => {
  const data: CloudWatchLogsDecodedData = {
    messageType: 'DATA_MESSAGE',
    owner: '000000000000',
    logGroup,
    logStream: 'local',
    subscriptionFilters: ['SmsDeliveryStatus'],
    logEvents: messages.map((message, i) => ({ id: `${at}-${i}`, timestamp: at, message })),
  };
  return { awslogs: { data: gzipSync(JSON.stringify(data)).toString('base64') } };
};
