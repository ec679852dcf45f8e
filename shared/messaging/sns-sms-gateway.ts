import { PublishCommand, type SNSClient } from '@aws-sdk/client-sns';
import type { SmsGateway } from './ports';

/** Transactional SMS through SNS; the origination number is chosen by the account's SMS configuration. */
export class SnsSmsGateway implements SmsGateway {
  constructor(private readonly sns: SNSClient) {}

  async send(to: string, body: string): Promise<{ messageId: string }> {
    const { MessageId } = await this.sns.send(
      new PublishCommand({
        PhoneNumber: to,
        Message: body,
        MessageAttributes: { 'AWS.SNS.SMS.SMSType': { DataType: 'String', StringValue: 'Transactional' } },
      }),
    );
    if (!MessageId) throw new Error('SNS accepted the SMS without a message id');
    return { messageId: MessageId };
  }
}
