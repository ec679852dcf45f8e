import { Stack, type StackProps } from 'aws-cdk-lib';
import {
  type IUserPool,
  OAuthScope,
  type ResourceServerScope,
  UserPoolClient,
  type UserPoolResourceServer,
} from 'aws-cdk-lib/aws-cognito';
import type { Construct } from 'constructs';
import { machineClientName } from '../../shared/domain/machine-client';
import type { StageConfig } from '../config';
import { CLIENT_DEFAULTS } from './api-stack';

export interface MachineClientsStackProps extends StackProps {
  userPool: IUserPool;
  resourceServer: UserPoolResourceServer;
  helpRequestScopes: Record<'read' | 'write', ResourceServerScope>;
  clients: StageConfig['machineClients'];
}

/**
 * One client-credentials app client per municipal crisis system, in the Api stack's user pool. A stack of their
 * own: one client for each of the 285 municipalities does not fit beside the API's routes in one stack's 500
 * resources. A client's name carries its municipality, which the token trigger puts into its tokens.
 */
export class MachineClientsStack extends Stack {
  /** By the client's name in the stage config. */
  readonly clients: Map<string, UserPoolClient> = new Map();

  constructor(scope: Construct, id: string, props: MachineClientsStackProps) {
    super(scope, id, props);
    const { read, write } = props.helpRequestScopes;
    for (const client of props.clients) {
      const scopes = client.access === 'write' ? [read, write] : [read];
      this.clients.set(
        client.name,
        new UserPoolClient(this, `Machine${client.name}`, {
          ...CLIENT_DEFAULTS,
          userPool: props.userPool,
          userPoolClientName: machineClientName(client.municipality, client.name),
          generateSecret: true,
          oAuth: {
            flows: { clientCredentials: true },
            scopes: scopes.map((scope) => OAuthScope.resourceServer(props.resourceServer, scope)),
          },
        }),
      );
    }
  }
}
