import { PublishCommand, type SNSClient } from '@aws-sdk/client-sns';
import type { SmsGateway } from './ports';

const text = (value: string) => ({ DataType: 'String', StringValue: value });

/** Transactional SMS through SNS, from the given origination number or else the account's default one. */
export class SnsSmsGateway implements SmsGateway {
  constructor(private readonly sns: SNSClient) {}

  async send(to: string, body: string, from?: string): Promise<{ messageId: string }> {
    const { MessageId } = await this.sns.send(
      new PublishCommand({
        PhoneNumber: to,
        Message: body,
        MessageAttributes: {
          'AWS.SNS.SMS.SMSType': text('Transactional'),
          ...(from ? { 'AWS.MM.SMS.OriginationNumber': text(from) } : {}),
        },
      }),
    );
    if (!MessageId) throw new Error('SNS accepted the SMS without a message id');
    return { messageId: MessageId };
  }
}
