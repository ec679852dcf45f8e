import {
  ConflictException,
  PinpointSMSVoiceV2Client,
  SendTextMessageCommand,
  ThrottlingException,
  ValidationException,
} from '@aws-sdk/client-pinpoint-sms-voice-v2';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { EumSmsGateway } from '../../../../shared/messaging/eum-sms-gateway';
import {
  isThrottling,
  type OutgoingSms,
  SmsRecipientOptedOut,
  SmsRefused,
} from '../../../../shared/messaging/ports';

const eum = mockClient(PinpointSMSVoiceV2Client);
const SETTINGS = {
  poolId: 'arn:aws:sms-voice:eu-west-1:123456789012:pool/pool-0123',
  configurationSetName: 'Prod-sms',
  protectConfigurationId: 'protect-0123',
  maxPrice: '0.20',
};
const SMS: OutgoingSms = {
  to: '+32470123456',
  body: 'Rode Kruis: test',
  ttlSeconds: 900,
  context: { requestId: 'R1', kind: 'alert' },
};
const gateway = () => new EumSmsGateway(new PinpointSMSVoiceV2Client({}), SETTINGS);
const metadata = { $metadata: {} };

describe('the End User Messaging SMS gateway', () => {
  beforeEach(() => eum.reset());

  it('sends a transactional SMS from the pool with its time to live, price cap, protect configuration and configuration set', async () => {
    eum.on(SendTextMessageCommand).resolves({ MessageId: 'm-1' });

    expect(await gateway().send(SMS)).toEqual({ messageId: 'm-1' });
    expect(eum.commandCalls(SendTextMessageCommand)[0]!.args[0].input).toEqual({
      DestinationPhoneNumber: '+32470123456',
      OriginationIdentity: SETTINGS.poolId,
      MessageBody: 'Rode Kruis: test',
      MessageType: 'TRANSACTIONAL',
      TimeToLive: 900,
      MaxPrice: '0.20',
      ConfigurationSetName: 'Prod-sms',
      ProtectConfigurationId: 'protect-0123',
      Context: { requestId: 'R1', kind: 'alert' },
    });
  });

  it('sends from the number of the pool it is given (a retry through another number, a reply)', async () => {
    eum.on(SendTextMessageCommand).resolves({ MessageId: 'm-2' });
    await gateway().send({ ...SMS, from: '+32460000002' });

    expect(eum.commandCalls(SendTextMessageCommand)[0]!.args[0].input.OriginationIdentity).toBe(
      '+32460000002',
    );
  });

  it('passes throttling on as it is, so the dispatcher backs off', async () => {
    eum
      .on(SendTextMessageCommand)
      .rejects(new ThrottlingException({ message: 'Rate exceeded', ...metadata }));
    const error = await gateway()
      .send(SMS)
      .catch((e: unknown) => e);

    expect(isThrottling(error)).toBe(true);
  });

  it('says the recipient opted out when the number is on the opt-out list', async () => {
    eum.on(SendTextMessageCommand).rejects(
      new ConflictException({
        message: 'opted out',
        Reason: 'DESTINATION_PHONE_NUMBER_OPTED_OUT',
        ...metadata,
      }),
    );

    await expect(gateway().send(SMS)).rejects.toBeInstanceOf(SmsRecipientOptedOut);
  });

  it.each([
    [
      'conflict',
      new ConflictException({
        message: 'x',
        Reason: 'DESTINATION_COUNTRY_BLOCKED_BY_PROTECT_CONFIGURATION',
        ...metadata,
      }),
    ],
    ['validation', new ValidationException({ message: 'x', Reason: 'PRICE_OVER_THRESHOLD', ...metadata })],
    [
      'validation',
      new ValidationException({ message: 'x', Reason: 'DESTINATION_COUNTRY_BLOCKED', ...metadata }),
    ],
    ['validation', new ValidationException({ message: 'x', Reason: 'CANNOT_PARSE', ...metadata })],
  ])('refuses for good what the service will never send (%s: %s)', async (_, error) => {
    eum.on(SendTextMessageCommand).rejects(error);
    const refused = await gateway()
      .send(SMS)
      .catch((e: unknown) => e);

    expect(refused).toBeInstanceOf(SmsRefused);
    expect((refused as Error).message).toBe(error.Reason);
  });

  it('passes any other error on, so the queue brings the job back', async () => {
    const error = new ValidationException({ message: 'x', Reason: 'MISSING_PARAMETER', ...metadata });
    eum.on(SendTextMessageCommand).rejects(error);

    await expect(gateway().send(SMS)).rejects.toBe(error);
  });
});
