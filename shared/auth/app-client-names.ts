import { once } from '../config';

/** The names of a user pool's app clients, which say what a machine client is (shared/domain/machine-client.ts). */
export interface AppClientNames {
  /** Client id → name, for every app client of the pool. */
  namesIn(userPoolId: string): Promise<Map<string, string>>;
}

// Imported on a machine client's first token only: the Cognito SDK takes most of a second to import here, which
// nobody signing in should wait for within Cognito's 5 seconds.
const cognito = once(async () => {
  const sdk = await import('@aws-sdk/client-cognito-identity-provider');
  return { paginate: sdk.paginateListUserPoolClients, client: new sdk.CognitoIdentityProviderClient({}) };
});

/** ListUserPoolClients gives ids and names only: unlike DescribeUserPoolClient, never a client's secret. */
export const cognitoAppClientNames: AppClientNames = {
  async namesIn(userPoolId) {
    const { paginate, client } = await cognito();
    const names = new Map<string, string>();
    for await (const page of paginate({ client }, { UserPoolId: userPoolId, MaxResults: 60 }))
      for (const { ClientId, ClientName } of page.UserPoolClients ?? [])
        if (ClientId && ClientName) names.set(ClientId, ClientName);
    return names;
  },
};
