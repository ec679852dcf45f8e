import { PinpointSMSVoiceV2Client } from '@aws-sdk/client-pinpoint-sms-voice-v2';
import * as z from 'zod/mini';
import type { PortAdapters } from '../compose-ports';
import { once, readVariable } from '../config';
import { VARIABLES } from '../manifest/environment';
import { EumSmsGateway } from './eum-sms-gateway';

/**
 * Sends SMS in one try per call: the dispatcher's throttling backoff is the one retry policy of a send, so the
 * SDK's retries would multiply its tries (and a transient error sends the job back to the queue instead).
 */
const smsClient = once(() => new PinpointSMSVoiceV2Client({ maxAttempts: 1 }));

const required = z.string().check(z.minLength(1));

/** The SMS gateway: AWS End User Messaging SMS, from the stage's pool. */
export const eumPorts: PortAdapters<'sms'> = {
  sms: () =>
    new EumSmsGateway(smsClient(), {
      poolId: readVariable(VARIABLES.sms.pool, required),
      configurationSetName: readVariable(VARIABLES.sms.configurationSet, required),
      protectConfigurationId: readVariable(VARIABLES.sms.protectConfiguration, required),
      maxPrice: readVariable(
        VARIABLES.sms.maxPriceUsd,
        z.string().check(z.regex(/^\d+(\.\d+)?$/, 'USD, e.g. 0.20')),
      ),
    }),
};
