import {
  CognitoIdentityProviderClient,
  DescribeUserPoolClientCommand,
} from '@aws-sdk/client-cognito-identity-provider';

/** The names of a user pool's app clients, which say what a machine client is (shared/domain/machine-client.ts). */
export interface AppClientNames {
  /** Undefined when the pool has no such client. */
  nameOf(userPoolId: string, clientId: string): Promise<string | undefined>;
}

const cognito = new CognitoIdentityProviderClient({});

export const cognitoAppClientNames: AppClientNames = {
  async nameOf(userPoolId, clientId) {
    try {
      const { UserPoolClient } = await cognito.send(
        new DescribeUserPoolClientCommand({ UserPoolId: userPoolId, ClientId: clientId }),
      );
      return UserPoolClient?.ClientName;
    } catch (error) {
      if ((error as Error).name === 'ResourceNotFoundException') return undefined;
      throw error;
    }
  },
};
