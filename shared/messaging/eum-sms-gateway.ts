import {
  ConflictException,
  type PinpointSMSVoiceV2Client,
  SendTextMessageCommand,
  ValidationException,
} from '@aws-sdk/client-pinpoint-sms-voice-v2';
import { type OutgoingSms, type SmsGateway, SmsRecipientOptedOut, SmsRefused } from './ports';

/** Where and how the stage sends: its pool, configuration set (event destination), protect configuration, price cap. */
export interface EumSendSettings {
  poolId: string;
  configurationSetName: string;
  protectConfigurationId: string;
  /** USD per message (all its parts); the provider refuses a message that would cost more. */
  maxPrice: string;
}

/** Refusals that no retry changes: the SMS is failed for good. */
const REFUSED_VALIDATION = new Set([
  'DESTINATION_COUNTRY_BLOCKED',
  'PRICE_OVER_THRESHOLD',
  'INVALID_IDENTITY_FOR_DESTINATION_COUNTRY',
  'CANNOT_PARSE',
  'INVALID_PARAMETER',
]);
const REFUSED_CONFLICT = new Set([
  'DESTINATION_COUNTRY_BLOCKED_BY_PROTECT_CONFIGURATION',
  'DESTINATION_PHONE_NUMBER_BLOCKED_BY_PROTECT_NUMBER_OVERRIDE',
]);

/**
 * Transactional SMS through AWS End User Messaging SMS (SendTextMessage): from the stage's pool (or one of its numbers),
 * with a time to live, a maximum price, the protect configuration and the configuration set whose event destination
 * reports the delivery. The service's refusals become the port's errors; throttling passes through as it is.
 */
export class EumSmsGateway implements SmsGateway {
  constructor(
    private readonly client: PinpointSMSVoiceV2Client,
    private readonly settings: EumSendSettings,
  ) {}

  async send(sms: OutgoingSms): Promise<{ messageId: string }> {
    try {
      const { MessageId } = await this.client.send(
        new SendTextMessageCommand({
          DestinationPhoneNumber: sms.to,
          OriginationIdentity: sms.from ?? this.settings.poolId,
          MessageBody: sms.body,
          MessageType: 'TRANSACTIONAL',
          TimeToLive: sms.ttlSeconds,
          MaxPrice: this.settings.maxPrice,
          ConfigurationSetName: this.settings.configurationSetName,
          ProtectConfigurationId: this.settings.protectConfigurationId,
          Context: sms.context,
        }),
      );
      if (!MessageId) throw new Error('End User Messaging accepted the SMS without a message id');
      return { messageId: MessageId };
    } catch (error) {
      throw refusalOf(error) ?? error;
    }
  }
}

const refusalOf = (error: unknown): Error | undefined => {
  if (error instanceof ConflictException) {
    if (error.Reason === 'DESTINATION_PHONE_NUMBER_OPTED_OUT') return new SmsRecipientOptedOut(error.Reason);
    if (error.Reason && REFUSED_CONFLICT.has(error.Reason)) return new SmsRefused(error.Reason);
  }
  if (error instanceof ValidationException && error.Reason && REFUSED_VALIDATION.has(error.Reason))
    return new SmsRefused(error.Reason);
  return undefined;
};
