import {
  CognitoIdentityProviderClient,
  paginateListUserPoolClients,
} from '@aws-sdk/client-cognito-identity-provider';

/** The names of a user pool's app clients, which say what a machine client is (shared/domain/machine-client.ts). */
export interface AppClientNames {
  /** Client id → name, for every app client of the pool. */
  namesIn(userPoolId: string): Promise<Map<string, string>>;
}

const cognito = new CognitoIdentityProviderClient({});

/** ListUserPoolClients gives ids and names only: unlike DescribeUserPoolClient, never a client's secret. */
export const cognitoAppClientNames: AppClientNames = {
  async namesIn(userPoolId) {
    const names = new Map<string, string>();
    for await (const page of paginateListUserPoolClients(
      { client: cognito },
      { UserPoolId: userPoolId, MaxResults: 60 },
    ))
      for (const { ClientId, ClientName } of page.UserPoolClients ?? [])
        if (ClientId && ClientName) names.set(ClientId, ClientName);
    return names;
  },
};
