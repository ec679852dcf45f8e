import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import * as z from 'zod/mini';
import type { PortAdapters } from '../compose-ports';
import { once, readVariable } from '../config';
import { VARIABLES } from '../manifest/environment';
import { CognitoOfficialAccounts } from './cognito-official-accounts';
import { CognitoUserAccounts } from './cognito-user-accounts';

const client = once(() => new CognitoIdentityProviderClient({}));
/** Read on first use, from the environment of the function that uses it. */
const userPoolId = () => once(() => readVariable(VARIABLES.userPool, z.string().check(z.minLength(1))));

export const cognitoPorts: PortAdapters<'accounts' | 'officialAccounts'> = {
  accounts: () => new CognitoUserAccounts(client(), userPoolId()),
  officialAccounts: () => new CognitoOfficialAccounts(client(), userPoolId()),
};
