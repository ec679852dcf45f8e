import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import * as z from 'zod';
import type { PortAdapters } from '../compose-ports';
import { once, readVariable } from '../config';
import { VARIABLES } from '../manifest/environment';
import { CognitoUserAccounts } from './cognito-user-accounts';

export const cognitoPorts: PortAdapters<'accounts'> = {
  accounts: () =>
    new CognitoUserAccounts(
      new CognitoIdentityProviderClient({}),
      once(() => readVariable(VARIABLES.userPool, z.string().min(1))),
    ),
};
