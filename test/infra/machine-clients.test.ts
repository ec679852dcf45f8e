import { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { stageConfigSchema } from '../../infra/config';
import { allMunicipalities } from '../../shared/reference/municipalities';
import {
  actionsOf,
  allowing,
  asList,
  dev,
  devTemplate,
  type Json,
  logicalIdOf,
  mentions,
  stageWith,
  statementsOf,
} from './synth';

/** CloudFormation's limit of resources in one stack. */
const STACK_RESOURCE_LIMIT = 500;

const clientsIn = (template: Template): Json[] =>
  Object.values(template.findResources('AWS::Cognito::UserPoolClient'));
const scopesOf = (client: Json): string => JSON.stringify(client.Properties.AllowedOAuthScopes);

describe('the token trigger', () => {
  const template = devTemplate('api');
  const pool = logicalIdOf(dev.api.userPool);

  it("runs as a V3 pre-token-generation trigger on the Essentials plan, so machine clients' tokens pass it too", () => {
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      UserPoolTier: 'ESSENTIALS',
      LambdaConfig: { PreTokenGenerationConfig: { LambdaVersion: 'V3_0' } },
    });
  });

  it("may list this pool's app clients (ids and names, no secret) and nothing else of Cognito", () => {
    const statements = statementsOf(template, dev.api.tokenTrigger);
    const cognito = statements.filter((s) =>
      actionsOf(s).some((action) => action.startsWith('cognito-idp:')),
    );
    expect(cognito.flatMap(actionsOf)).toEqual(['cognito-idp:ListUserPoolClients']);
    for (const statement of allowing(statements, 'cognito-idp:ListUserPoolClients'))
      expect(mentions(statement.Resource, pool) && !JSON.stringify(statement.Resource).includes('*')).toBe(
        true,
      );
  });

  it('keeps the grant naming the pool out of the dependencies of the trigger, which the pool depends on', () => {
    // A cycle (pool → trigger → its default policy → pool) would already fail devTemplate: Template refuses one.
    const resources: Record<string, Json> = template.toJSON().Resources;
    const grant = Object.keys(resources).find((id) => id.startsWith('PreTokenGenerationReadAppClients'));
    expect(grant).toBeDefined();
    expect(asList(resources[logicalIdOf(dev.api.tokenTrigger)].DependsOn)).not.toContain(grant);
    expect(mentions(resources[pool].Properties.LambdaConfig, logicalIdOf(dev.api.tokenTrigger))).toBe(true);
  });
});

describe('machine clients from the stage config', () => {
  const stage = stageWith('Machines', {
    machineClients: [
      { name: 'GentCrisis', municipality: '44021' },
      { name: 'LeuvenViewer', municipality: '24062', access: 'read' },
    ],
  });
  const machines = Template.fromStack(stage.machineClients!);
  const clientNamed = (name: string): Json =>
    machines.findResources('AWS::Cognito::UserPoolClient')[
      logicalIdOf(stage.machineClients!.clients.get(name)!)
    ];

  it('declares the API as a resource server with the two help-request scopes only: no scope per municipality', () => {
    const servers: Json[] = Object.values(
      Template.fromStack(stage.api).findResources('AWS::Cognito::UserPoolResourceServer'),
    );
    expect(servers).toHaveLength(1);
    expect(servers[0].Properties.Identifier).toBe('crisis-api');
    expect(servers[0].Properties.Scopes.map((s: Json) => s.ScopeName).sort()).toEqual([
      'help-requests.read',
      'help-requests.write',
    ]);
  });

  it('gives each system a secret client-credentials client with its access, named after its municipality', () => {
    expect(clientNamed('GentCrisis').Properties).toMatchObject({
      ClientName: 'm2m-44021-GentCrisis',
      GenerateSecret: true,
      AllowedOAuthFlows: ['client_credentials'],
      AllowedOAuthFlowsUserPoolClient: true,
    });
    expect(clientNamed('LeuvenViewer').Properties.ClientName).toBe('m2m-24062-LeuvenViewer');
    expect(scopesOf(clientNamed('GentCrisis'))).toContain('/help-requests.write');
    expect(scopesOf(clientNamed('LeuvenViewer'))).toContain('/help-requests.read');
    expect(scopesOf(clientNamed('LeuvenViewer'))).not.toContain('write');
    for (const client of clientsIn(machines)) expect(scopesOf(client)).not.toContain('municipality');
  });

  it('puts the clients in a stack of their own, in the user pool of the Api stack, and the token endpoint in its domain', () => {
    expect(stage.machineClients!.dependencies).toContain(stage.api);
    expect(clientsIn(Template.fromStack(stage.api))).toHaveLength(1);
    Template.fromStack(stage.api).resourceCountIs('AWS::Cognito::UserPoolDomain', 1);
  });

  it.each([
    [
      'two clients of one name',
      [
        { name: 'Gent', municipality: '44021' },
        { name: 'Gent', municipality: '11002' },
      ],
    ],
    ['an unknown access', [{ name: 'Gent', municipality: '44021', access: 'admin' }]],
    ['a malformed NIS code', [{ name: 'Gent', municipality: '4402' }]],
    ['a NIS code of no Flemish municipality', [{ name: 'Brussel', municipality: '21004' }]],
    ['a name Cognito would not take whole', [{ name: `G${'x'.repeat(64)}`, municipality: '44021' }]],
  ])('refuses a stage config with %s', (_why, machineClients) => {
    expect(stageConfigSchema.safeParse({ stageName: 'x', machineClients }).success).toBe(false);
  });

  it('adds no client stack where the stage names no machine client (the domain stays: the web pages sign in there)', () => {
    expect(dev.machineClients).toBeUndefined();
    devTemplate('api').resourceCountIs('AWS::Cognito::UserPoolDomain', 1);
    devTemplate('api').resourceCountIs('AWS::Cognito::UserPoolClient', 1);
  });
});

describe('a machine client for every Flemish municipality', () => {
  const everyMunicipality = allMunicipalities().map((nis, i) => ({
    name: `Crisis${nis}`,
    municipality: nis,
    access: i % 2 === 0 ? 'write' : 'read',
  }));
  const stage = stageWith('Flanders', { machineClients: everyMunicipality });
  const stacks = stage.node.children.filter(Stack.isStack);

  it("synthesizes all 285, every stack within CloudFormation's 500 resources", () => {
    expect(everyMunicipality).toHaveLength(285);
    for (const stack of stacks)
      expect(Object.keys(Template.fromStack(stack).toJSON().Resources).length, stack.stackName).toBeLessThan(
        STACK_RESOURCE_LIMIT,
      );
    const machineClients = stacks
      .flatMap((stack) => clientsIn(Template.fromStack(stack)))
      .filter((client) => client.Properties.GenerateSecret);
    expect(machineClients).toHaveLength(285);
  });

  it('names each client after its municipality and gives it exactly the access the config says', () => {
    const byName = new Map(
      clientsIn(Template.fromStack(stage.machineClients!)).map((client) => [
        client.Properties.ClientName,
        client,
      ]),
    );
    for (const { name, municipality, access } of everyMunicipality) {
      const client = byName.get(`m2m-${municipality}-${name}`);
      expect(client, name).toBeDefined();
      expect(scopesOf(client).includes('/help-requests.write'), name).toBe(access === 'write');
      expect(scopesOf(client), name).toContain('/help-requests.read');
    }
  });
});
