import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import * as z from 'zod';
import type { AwsAdapters } from '../aws-ports';
import { once, parseEnv } from '../config';
import { CognitoUserAccounts } from './cognito-user-accounts';

export const cognitoPorts: AwsAdapters<'accounts'> = {
  accounts: () =>
    new CognitoUserAccounts(
      new CognitoIdentityProviderClient({}),
      once(() => parseEnv({ USER_POOL_ID: z.string().min(1) }).USER_POOL_ID),
    ),
};
