import { Template } from 'aws-cdk-lib/assertions';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { IConstruct } from 'constructs';
import { describe, expect, it } from 'vitest';
import { stageConfigSchema } from '../../infra/config';
import { ROLES } from '../../shared/domain/identity';
import { ROUTES, type Route } from '../../shared/http/routes';
import type { Need } from '../../shared/manifest/needs';
import { registerGroupBodySchema } from '../../shared/schemas/group';
import { theLargestGroupRegistration } from '../builders/group';
import {
  actionsOf,
  allowing,
  asList,
  dev,
  devTemplate,
  expectFunctionConventions,
  type Json,
  logicalIdOf,
  mentions,
  projectFunctions,
  type Statement,
  stageWith,
  statementsOf,
} from './synth';
import { blockingForSize, matches } from './waf';

const template = devTemplate('api');
const api = dev.api;

const routeKey = (route: Pick<Route, 'method' | 'path'>) => `${route.method} ${route.path}`;
const functionOf = (key: string): IFunction => {
  const fn = api.functions.get(key);
  if (!fn) throw new Error(`no function for ${key}`);
  return fn;
};
const routeNamed = (key: string): Route => {
  const route = ROUTES.find((r) => routeKey(r) === key);
  if (!route) throw new Error(`no route ${key}`);
  return route;
};

/** The API Gateway method that proxies to a route's function. */
const methodOf = (route: Route): Json => {
  const fnId = logicalIdOf(functionOf(routeKey(route)));
  const methods = Object.values(template.findResources('AWS::ApiGateway::Method')).filter(
    (m: Json) => m.Properties.HttpMethod === route.method && mentions(m.Properties.Integration?.Uri, fnId),
  );
  expect(methods, routeKey(route)).toHaveLength(1);
  return methods[0];
};

const TABLES = {
  Registry: dev.data.registry,
  Operations: dev.data.operations,
  AdHoc: dev.data.adHoc,
  Audit: dev.data.audit,
  Idempotency: dev.data.idempotency,
  ErasureLedger: dev.data.erasureLedger,
} as const;
type TableName = keyof typeof TABLES;
const TABLE_VARIABLES: Record<TableName, string> = {
  Registry: 'REGISTRY_TABLE',
  Operations: 'OPERATIONS_TABLE',
  AdHoc: 'ADHOC_TABLE',
  Audit: 'AUDIT_TABLE',
  Idempotency: 'IDEMPOTENCY_TABLE',
  ErasureLedger: 'ERASURE_LEDGER_TABLE',
};
type Access = 'read' | 'append' | 'write';

/** What a route's needs entitle it to, table by table. */
const TABLE_OF_NEED = {
  registry: 'Registry',
  operations: 'Operations',
  adHoc: 'AdHoc',
  audit: 'Audit',
  idempotency: 'Idempotency',
  erasureLedger: 'ErasureLedger',
} as const;

const expectedTableAccess = (needs: readonly Need[]): Partial<Record<TableName, Access>> => {
  const access: Partial<Record<TableName, Access>> = {};
  for (const need of needs) {
    if (!('table' in need)) continue;
    const table = TABLE_OF_NEED[need.table];
    if (access[table] !== 'write') access[table] = need.access;
  }
  return access;
};

/** DynamoDB actions that only read; anything else on a table counts as write access. */
const READ_ACTIONS = new Set([
  'dynamodb:BatchGetItem',
  'dynamodb:GetItem',
  'dynamodb:Query',
  'dynamodb:Scan',
  'dynamodb:ConditionCheckItem',
  'dynamodb:DescribeTable',
  'dynamodb:GetRecords',
  'dynamodb:GetShardIterator',
]);

const dynamoStatements = (statements: Statement[]): Statement[] =>
  statements.filter(
    (s) =>
      s.Effect === 'Allow' &&
      (s.NotAction !== undefined || actionsOf(s).some((a) => /^(dynamodb:|\*$)/.test(a))),
  );

/** The access a function's policy actually grants, table by table. */
const actualTableAccess = (statements: Statement[]): Partial<Record<TableName, Access>> => {
  const access: Partial<Record<TableName, Access>> = {};
  for (const statement of dynamoStatements(statements)) {
    const actions = actionsOf(statement);
    const level: Access = actions.every((a) => READ_ACTIONS.has(a))
      ? 'read'
      : actions.every((a) => a === 'dynamodb:PutItem')
        ? 'append'
        : 'write';
    for (const [name, table] of Object.entries(TABLES) as [TableName, (typeof TABLES)[TableName]][]) {
      if (!mentions(statement.Resource, logicalIdOf(table))) continue;
      if (access[name] !== 'write') access[name] = level;
    }
  }
  return access;
};

const statementsOfRoute = (key: string) => statementsOf(template, functionOf(key));
const statesActionsOf = (key: string): string[] =>
  statementsOfRoute(key)
    .filter((s) => s.Effect === 'Allow')
    .flatMap(actionsOf)
    .filter((a) => a.startsWith('states:') || a === '*');

const routeCases = ROUTES.map((route) => ({ key: routeKey(route), route }));
const protectedRoutes = routeCases.filter(({ route }) => !route.public);
const publicRoutes = routeCases.filter(({ route }) => route.public);

describe('api stack', () => {
  it('serves one REST API', () => {
    template.resourceCountIs('AWS::ApiGateway::RestApi', 1);
  });

  it('authorizes callers with the Cognito user pool', () => {
    template.resourceCountIs('AWS::ApiGateway::Authorizer', 1);
    template.hasResourceProperties('AWS::ApiGateway::Authorizer', {
      Type: 'COGNITO_USER_POOLS',
      ProviderARNs: [{ 'Fn::GetAtt': [logicalIdOf(api.userPool), 'Arn'] }],
      IdentitySource: 'method.request.header.Authorization',
    });
  });

  it('declares the public routes the API contract expects', () => {
    expect(publicRoutes.map(({ key }) => key).sort()).toEqual([
      'GET /health',
      'GET /openapi.json',
      'GET /spontaneous/{code}',
      'POST /spontaneous/{code}/registrations',
    ]);
  });

  it('throttles the public registration method to the limits of the stage config, far below the stage', () => {
    const stage: Json = Object.values(template.findResources('AWS::ApiGateway::Stage'))[0];
    const settings = asList<Json>(stage.Properties.MethodSettings);
    const registration = settings.filter(
      (s) => s.ResourcePath === '/~1spontaneous~1{code}~1registrations' && s.HttpMethod === 'POST',
    );
    expect(registration).toEqual([
      expect.objectContaining({
        ThrottlingRateLimit: stageConfigSchema.parse({ stageName: 'x' }).publicRegistrationThrottle.rateLimit,
        ThrottlingBurstLimit: stageConfigSchema.parse({ stageName: 'x' }).publicRegistrationThrottle
          .burstLimit,
      }),
    ]);
    const stageWide = settings.find((s) => s.ResourcePath === '/*');
    expect(registration[0].ThrottlingRateLimit).toBeLessThan(stageWide.ThrottlingRateLimit);
    expect(ROUTES.filter((r) => r.throttled).map(routeKey)).toEqual([
      'POST /spontaneous/{code}/registrations',
    ]);
  });

  it('tells the spontaneous call function the public base URL, the web pages’ address when the stage names none', () => {
    const fn =
      template.findResources('AWS::Lambda::Function')[
        logicalIdOf(functionOf('POST /help-requests/{id}/spontaneous-call'))
      ];
    const url = JSON.stringify(fn?.Properties.Environment.Variables.PUBLIC_BASE_URL);
    expect(url).toContain(logicalIdOf(api.web.distribution));
    expect(url).not.toContain('execute-api');
  });

  it("tells the yearly report's function the stage's unit prices, and nothing when the stage names none", () => {
    const reportEnvironment = (stage: typeof dev) => {
      const fn = stage.api.functions.get('GET /reports/annual/{year}')!;
      return Template.fromStack(stage.api).findResources('AWS::Lambda::Function')[logicalIdOf(fn)]?.Properties
        .Environment.Variables;
    };
    const priced = stageWith('Priced', {
      reportUnitPricesEur: { basic: 150, refresher: 35.5, simulation: 40 },
    });

    expect(reportEnvironment(priced)).toMatchObject({
      REPORT_PRICE_BASIC_EUR: '150',
      REPORT_PRICE_REFRESHER_EUR: '35.5',
      REPORT_PRICE_SIMULATION_EUR: '40',
    });
    expect(Object.keys(reportEnvironment(dev))).not.toContain('REPORT_PRICE_BASIC_EUR');
  });

  it('tells the functions that register members or hand places over the funded places per year, and nothing unset', () => {
    const environment = (stage: typeof dev, route: string) => {
      const fn = stage.api.functions.get(route)!;
      return Template.fromStack(stage.api).findResources('AWS::Lambda::Function')[logicalIdOf(fn)]?.Properties
        .Environment.Variables;
    };
    const inbound = (stage: typeof dev) =>
      Template.fromStack(stage.messaging).findResources('AWS::Lambda::Function')[
        logicalIdOf(stage.messaging.inboundHandler)
      ]?.Properties.Environment.Variables;
    const raised = stageWith('Raised', { corpsFundedPlaces: { 2027: 100 } });

    for (const route of [
      'POST /municipalities/{nis}/volunteers',
      'PATCH /volunteers/{id}',
      'DELETE /volunteers/{id}',
      'POST /municipalities/{nis}/groups',
    ]) {
      expect(environment(raised, route)).toMatchObject({ CORPS_FUNDED_PLACES: '{"2027":100}' });
      expect(Object.keys(environment(dev, route))).not.toContain('CORPS_FUNDED_PLACES');
    }
    expect(inbound(raised)).toMatchObject({ CORPS_FUNDED_PLACES: '{"2027":100}' });
  });

  it('tells the public registration the allowed phone countries and the cap per call, from the stage config', () => {
    const environment = (stage: typeof dev) => {
      const fn = stage.api.functions.get('POST /spontaneous/{code}/registrations')!;
      return Template.fromStack(stage.api).findResources('AWS::Lambda::Function')[logicalIdOf(fn)]?.Properties
        .Environment.Variables;
    };
    const narrow = stageWith('Narrow', {
      allowedPhoneCountries: ['BE', 'NL'],
      spontaneousRegistrationCap: 250,
    });

    expect(environment(dev)).toMatchObject({
      ALLOWED_PHONE_COUNTRIES: 'BE,NL,FR,DE,LU',
      SPONTANEOUS_REGISTRATION_CAP: '1000',
    });
    expect(environment(narrow)).toMatchObject({
      ALLOWED_PHONE_COUNTRIES: 'BE,NL',
      SPONTANEOUS_REGISTRATION_CAP: '250',
    });
  });

  it('exposes one method per route of ROUTES, each backed by its own function, besides the CORS preflights', () => {
    const methods = Object.values(template.findResources('AWS::ApiGateway::Method')) as Json[];
    expect(methods.filter((m) => m.Properties.HttpMethod !== 'OPTIONS')).toHaveLength(ROUTES.length);
    expect(api.functions.size).toBe(ROUTES.length);
    for (const route of ROUTES) methodOf(route);
  });

  it.each(protectedRoutes)('requires a Cognito token on $key', ({ route }) => {
    const method = methodOf(route);
    expect(method.Properties.AuthorizationType).toBe('COGNITO_USER_POOLS');
    const authorizerId = Object.keys(template.findResources('AWS::ApiGateway::Authorizer'))[0];
    expect(method.Properties.AuthorizerId).toEqual({ Ref: authorizerId });
  });

  it.each(publicRoutes)('leaves $key open to anonymous callers', ({ route }) => {
    const method = methodOf(route);
    expect(method.Properties.AuthorizationType).toBe('NONE');
    expect(method.Properties.AuthorizerId).toBeUndefined();
  });

  it('throttles every method of the stage', () => {
    const stages: Json[] = Object.values(template.findResources('AWS::ApiGateway::Stage'));
    expect(stages).toHaveLength(1);
    const settings = asList<Json>(stages[0].Properties.MethodSettings);
    expect(settings).toContainEqual(
      expect.objectContaining({
        HttpMethod: '*',
        ResourcePath: '/*',
        ThrottlingRateLimit: expect.any(Number),
        ThrottlingBurstLimit: expect.any(Number),
      }),
    );
    for (const setting of settings) {
      if (setting.ThrottlingRateLimit !== undefined) expect(setting.ThrottlingRateLimit).toBeGreaterThan(0);
    }
  });

  it.each([
    ['UNAUTHORIZED', '401', 'Unauthorized'],
    ['ACCESS_DENIED', '403', 'Forbidden'],
    ['THROTTLED', '429', 'Throttled'],
  ])(
    'answers API Gateway %s refusals with %s and an error body naming the correlation id',
    (type, status, error) => {
      const responses: Json[] = Object.values(
        template.findResources('AWS::ApiGateway::GatewayResponse'),
      ).filter((r: Json) => r.Properties.ResponseType === type);
      expect(responses).toHaveLength(1);
      expect(responses[0].Properties.StatusCode).toBe(status);
      expect(JSON.parse(responses[0].Properties.ResponseTemplates['application/json'])).toEqual({
        error,
        correlationId: '$context.requestId',
      });
      expect(responses[0].Properties.ResponseParameters).toMatchObject({
        'gatewayresponse.header.x-correlation-id': 'context.requestId',
      });
    },
  );

  it('has a Cognito group for every role, and no other', () => {
    const groups = Object.values(template.findResources('AWS::Cognito::UserPoolGroup'));
    expect(groups.map((g: Json) => g.Properties.GroupName).sort()).toEqual([...ROLES].sort());
    for (const group of groups) {
      expect(group.Properties.UserPoolId).toEqual({ Ref: logicalIdOf(api.userPool) });
    }
  });

  it('lets no one sign themselves up', () => {
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
    });
  });

  it('invites officials with an e-mail carrying the sign-in and the temporary password, in Dutch, French and English', () => {
    const [pool] = Object.values(template.findResources('AWS::Cognito::UserPool')) as Json[];
    const { InviteMessageTemplate } = pool.Properties.AdminCreateUserConfig;
    expect(InviteMessageTemplate.EmailMessage).toContain('{username}');
    expect(InviteMessageTemplate.EmailMessage).toContain('{####}');
    for (const words of ['uitgenodigd', 'invité', 'invited'])
      expect(InviteMessageTemplate.EmailMessage).toContain(words);
    expect(InviteMessageTemplate.EmailSubject.length).toBeLessThanOrEqual(140);
  });

  it('requires an authenticator app as second factor, never SMS', () => {
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      MfaConfiguration: 'ON',
      EnabledMfas: ['SOFTWARE_TOKEN_MFA'],
    });
  });

  it('exports the stage URL, without a trailing slash, for the smoke test', () => {
    const [output] = Object.values(template.findOutputs(api.getLogicalId(api.url))) as Json[];
    const parts: Json[] = output.Value['Fn::Join'][1];
    expect(parts).toContainEqual({ Ref: logicalIdOf(api.api) });
    expect(parts.at(-1)).toBe('/v1');
  });

  it('runs one function per route, the token trigger and the daily claim deletion, on Node 24, arm64, with active tracing and the NodejsFunction handler', () => {
    expectFunctionConventions(template, ROUTES.length + 2);
  });

  /** The routes that touch the user pool, and exactly the Cognito actions each may take there. */
  const COGNITO_ROUTES: Record<string, string[]> = {
    'DELETE /volunteers/{id}': ['cognito-idp:AdminDeleteUser', 'cognito-idp:ListUsers'],
    'POST /municipalities/{nis}/officials': [
      'cognito-idp:AdminAddUserToGroup',
      'cognito-idp:AdminCreateUser',
      'cognito-idp:AdminGetUser',
    ],
    'GET /municipalities/{nis}/officials': ['cognito-idp:AdminGetUser'],
    'DELETE /municipalities/{nis}/officials/{id}': [
      'cognito-idp:AdminDisableUser',
      'cognito-idp:AdminUserGlobalSignOut',
    ],
  };

  it.each(Object.entries(COGNITO_ROUTES))(
    'lets %s take exactly its Cognito actions, on the stage’s pool only, told the pool’s id',
    (key, expected) => {
      const statements = statementsOf(template, functionOf(key));
      const cognito = statements.filter((s) => actionsOf(s).some((a) => a.startsWith('cognito-idp:')));
      expect(cognito.flatMap(actionsOf).sort()).toEqual(expected);
      for (const statement of cognito)
        expect(mentions(statement.Resource, logicalIdOf(api.userPool))).toBe(true);
      const fn: Json = template.findResources('AWS::Lambda::Function')[logicalIdOf(functionOf(key))];
      expect(mentions(fn.Properties.Environment.Variables.USER_POOL_ID, logicalIdOf(api.userPool))).toBe(
        true,
      );
    },
  );

  it('lets no other route touch Cognito', () => {
    for (const route of ROUTES.filter((r) => !(routeKey(r) in COGNITO_ROUTES))) {
      const actions = statementsOf(template, functionOf(routeKey(route))).flatMap(actionsOf);
      expect(
        actions.filter((a) => a.startsWith('cognito-idp:')),
        routeKey(route),
      ).toEqual([]);
    }
  });

  it('gives every function of ours the metrics namespace', () => {
    for (const [, fn] of projectFunctions(template)) {
      expect(fn.Properties.Environment.Variables).toMatchObject({
        POWERTOOLS_METRICS_NAMESPACE: 'CrisisVolunteerCorps',
      });
    }
  });

  it.each(protectedRoutes)('takes access tokens of signed-in users on $key', ({ route }) => {
    expect(methodOf(route).Properties.AuthorizationScopes).toContain('aws.cognito.signin.user.admin');
  });

  it('lets machine clients in with their scope on launching, listing and reading help requests only', () => {
    const machineScopes = protectedRoutes
      .map(({ key, route }) => [key, methodOf(route).Properties.AuthorizationScopes.slice(1)])
      .filter(([, scopes]) => scopes.length > 0);
    expect(Object.fromEntries(machineScopes)).toEqual({
      'POST /help-requests': ['crisis-api/help-requests.write'],
      'GET /help-requests': ['crisis-api/help-requests.read'],
      'GET /help-requests/{id}': ['crisis-api/help-requests.read'],
      'GET /help-requests/{id}/timeline': ['crisis-api/help-requests.read'],
      'GET /help-requests/{id}/outbox': ['crisis-api/help-requests.read'],
      'GET /help-requests/{id}/unreachable': ['crisis-api/help-requests.read'],
    });
  });

  describe("the user pool's app clients", () => {
    const signIn = {
      callbackUrls: ['https://console.vrijwilligerskorps.vlaanderen/auth/callback'],
      logoutUrls: ['https://console.vrijwilligerskorps.vlaanderen/'],
    };
    const stage = stageWith('SignIn', {
      signIn,
      machineClients: [{ name: 'GentCrisis', municipality: '44021' }],
    });
    const signInTemplate = Template.fromStack(stage.api);
    const machineTemplate = Template.fromStack(stage.machineClients!);
    const clientsOf = (t: Template): [string, Json][] =>
      Object.entries(t.findResources('AWS::Cognito::UserPoolClient'));
    const userClient = (s: typeof dev, t: Template): Json =>
      t.findResources('AWS::Cognito::UserPoolClient')[logicalIdOf(s.api.userClient)];

    it('lets no app client write a custom attribute: only an administrator sets the municipality and volunteer id', () => {
      const clients = [...clientsOf(signInTemplate), ...clientsOf(machineTemplate), ...clientsOf(template)];
      expect(clients.length).toBeGreaterThanOrEqual(3);
      for (const [id, client] of clients) {
        // Without WriteAttributes (or with an empty list) Cognito lets a client write every attribute.
        const writable: string[] = client.Properties.WriteAttributes ?? [];
        expect(writable.length, id).toBeGreaterThan(0);
        expect(
          writable.filter((name) => name.startsWith('custom:')),
          id,
        ).toEqual([]);
      }
    });

    it('keeps the assignment marker beside the municipality and volunteer id, mutable so an official can move (no pool replacement)', () => {
      const schema: Json[] = Object.values(template.findResources('AWS::Cognito::UserPool')).flatMap(
        (pool: Json) => pool.Properties.Schema,
      );
      expect(schema.map((a) => [a.Name, a.Mutable])).toEqual([
        ['municipality', true],
        ['volunteerId', true],
        ['assignment', true],
      ]);
    });

    it('never tells a caller whether an account exists', () => {
      for (const [id, client] of [
        ...clientsOf(signInTemplate),
        ...clientsOf(machineTemplate),
        ...clientsOf(template),
      ])
        expect(client.Properties.PreventUserExistenceErrors, id).toBe('ENABLED');
    });

    it("signs people in with the authorization-code flow only, a public client (PKCE), back to the stage's addresses", () => {
      expect(userClient(stage, signInTemplate).Properties).toMatchObject({
        AllowedOAuthFlows: ['code'],
        AllowedOAuthFlowsUserPoolClient: true,
        // The web pages' own address first (test/infra/web.test.ts), then the stage's.
        CallbackURLs: [expect.anything(), ...signIn.callbackUrls],
        LogoutURLs: [expect.anything(), ...signIn.logoutUrls],
        ExplicitAuthFlows: ['ALLOW_REFRESH_TOKEN_AUTH'],
      });
      expect(userClient(stage, signInTemplate).Properties.GenerateSecret).not.toBe(true);
      // The managed login pages and the token endpoint live at the pool's domain.
      signInTemplate.resourceCountIs('AWS::Cognito::UserPoolDomain', 1);
    });

    it('names no placeholder address anywhere, and signs people in at the web pages where the stage names no address', () => {
      expect(JSON.stringify(template.toJSON()).includes('example.com')).toBe(false);
      expect(userClient(dev, template).Properties).toMatchObject({
        AllowedOAuthFlows: ['code'],
        AllowedOAuthFlowsUserPoolClient: true,
        ExplicitAuthFlows: ['ALLOW_REFRESH_TOKEN_AUTH'],
      });
      expect(JSON.stringify(userClient(dev, template).Properties.CallbackURLs)).toContain(
        logicalIdOf(dev.api.web.distribution),
      );
      template.resourceCountIs('AWS::Cognito::UserPoolDomain', 1);
    });

    it.each([
      ['a plain http address', ['http://console.vrijwilligerskorps.vlaanderen/auth/callback']],
      ['a placeholder domain', ['https://example.com/callback']],
      ['something that is not a URL', ['console']],
    ])('refuses a stage config whose callback is %s', (_why, callbackUrls) => {
      expect(stageConfigSchema.safeParse({ stageName: 'x', signIn: { callbackUrls } }).success).toBe(false);
    });
  });

  describe('WAF', () => {
    const acl = (): Json => {
      const acls: Json[] = Object.values(template.findResources('AWS::WAFv2::WebACL'));
      expect(acls).toHaveLength(1);
      return acls[0];
    };
    const rule = (name: string): Json => acl().Properties.Rules.find((r: Json) => r.Name === name);

    it('puts a regional web ACL in front of the API stage', () => {
      expect(acl().Properties).toMatchObject({ Scope: 'REGIONAL', DefaultAction: { Allow: {} } });
      const associations: Json[] = Object.values(template.findResources('AWS::WAFv2::WebACLAssociation'));
      expect(associations).toHaveLength(1);
      const stageId = Object.keys(template.findResources('AWS::ApiGateway::Stage'))[0]!;
      expect(associations[0].DependsOn).toContain(stageId);
      expect(mentions(associations[0].Properties.ResourceArn, logicalIdOf(api.api))).toBe(true);
      expect(associations[0].Properties.WebACLArn).toEqual({
        'Fn::GetAtt': [Object.keys(template.findResources('AWS::WAFv2::WebACL'))[0], 'Arn'],
      });
    });

    it("applies AWS's common and known-bad-inputs rule groups", () => {
      for (const name of ['AWSManagedRulesCommonRuleSet', 'AWSManagedRulesKnownBadInputsRuleSet']) {
        expect(rule(name).Statement.ManagedRuleGroupStatement).toMatchObject({
          VendorName: 'AWS',
          Name: name,
        });
        expect(rule(name).OverrideAction).toEqual({ None: {} });
      }
    });

    /** The public registration as the web ACL sees it (the stage in the path), and requests that are not it. */
    const REGISTRATION = { method: 'POST', path: '/v1/spontaneous/ABCDEFGHJK/registrations', bodyBytes: 400 };
    const NOT_REGISTRATIONS = [
      { method: 'GET', path: '/v1/spontaneous/ABCDEFGHJK', bodyBytes: 0 },
      { method: 'OPTIONS', path: '/v1/spontaneous/ABCDEFGHJK/registrations', bodyBytes: 0 },
      { method: 'POST', path: '/v1/help-requests', bodyBytes: 400 },
      { method: 'POST', path: '/v1/municipalities/44021/groups', bodyBytes: 400 },
      { method: 'GET', path: '/v1/health', bodyBytes: 0 },
    ];
    const botControl = (): Json => {
      const rules = acl().Properties.Rules.filter(
        (r: Json) => r.Statement.ManagedRuleGroupStatement?.Name === 'AWSManagedRulesBotControlRuleSet',
      );
      expect(rules).toHaveLength(1);
      return rules[0];
    };

    it('challenges every public registration (a browser proves itself once per 5 minutes), and nothing else', () => {
      const challenge = rule('RegistrationChallenge');
      expect(challenge.Action).toEqual({ Challenge: {} });
      expect(challenge.ChallengeConfig).toEqual({ ImmunityTimeProperty: { ImmunityTime: 300 } });
      expect(matches(challenge.Statement, REGISTRATION)).toBe(true);
      for (const other of NOT_REGISTRATIONS)
        expect(matches(challenge.Statement, other), other.path).toBe(false);
    });

    it("inspects the public registration, and only it, with AWS's Bot Control at the targeted level", () => {
      const bots = botControl();
      const group = bots.Statement.ManagedRuleGroupStatement;
      expect(group).toMatchObject({ VendorName: 'AWS', Name: 'AWSManagedRulesBotControlRuleSet' });
      // Targeted is what gives the web ACL an application integration URL (the page's challenge script).
      expect(group.ManagedRuleGroupConfigs).toEqual([
        { AWSManagedRulesBotControlRuleSet: { InspectionLevel: 'TARGETED', EnableMachineLearning: false } },
      ]);
      expect(bots.OverrideAction).toEqual({ None: {} });
      // Billed per request inspected: the scope-down lets registrations in and nothing else.
      expect(matches(group.ScopeDownStatement, REGISTRATION)).toBe(true);
      for (const other of NOT_REGISTRATIONS)
        expect(matches(group.ScopeDownStatement, other), other.path).toBe(false);
      // After the challenge: a registration without a token is answered by it, and is not billed for inspection.
      expect(bots.Priority).toBeGreaterThan(rule('RegistrationChallenge').Priority);
    });

    it('asks no CAPTCHA anywhere: a CAPTCHA answered to the page’s fetch is a 405 it cannot solve', () => {
      for (const each of acl().Properties.Rules as Json[]) {
        expect(each.Action?.Captcha, each.Name).toBeUndefined();
        expect(each.CaptchaConfig, each.Name).toBeUndefined();
      }
      // Bot Control's rules that answer a CAPTCHA by default (AWS's documentation of the rule group) block instead.
      const captchaByDefault = [
        'TGT_VolumetricSession',
        'TGT_SignalAutomatedBrowser',
        'TGT_SignalBrowserAutomationExtension',
        'TGT_SignalBrowserInconsistency',
        'TGT_TokenReuseIpMedium',
        'TGT_TokenReuseCountryMedium',
        'TGT_TokenReuseAsnMedium',
        'TGT_ML_CoordinatedActivityMedium',
        'TGT_ML_CoordinatedActivityHigh',
      ];
      const overrides: Json[] = botControl().Statement.ManagedRuleGroupStatement.RuleActionOverrides;
      expect(overrides.map((o) => o.Name).sort()).toEqual([...captchaByDefault].sort());
      for (const override of overrides) expect(override.ActionToUse, override.Name).toEqual({ Block: {} });
      expect(JSON.stringify(acl())).not.toMatch(/captcha/i);
    });

    it('blocks an address that registers far more often than carrier NAT would explain, per the stage config', () => {
      const defaults = stageConfigSchema.parse({ stageName: 'x' });
      const registrations = rule('RegistrationsPerIp');
      const everything = rule('RequestsPerIp');
      expect(registrations.Action).toEqual({ Block: {} });
      expect(registrations.Statement.RateBasedStatement).toMatchObject({
        Limit: defaults.firewall.registrationsPerIp,
        AggregateKeyType: 'IP',
        EvaluationWindowSec: 300,
      });
      const scope = registrations.Statement.RateBasedStatement.ScopeDownStatement;
      expect(matches(scope, REGISTRATION)).toBe(true);
      for (const other of NOT_REGISTRATIONS) expect(matches(scope, other), other.path).toBe(false);
      // One address never takes half of what the route's throttle lets through in the window; the general limit is higher.
      expect(defaults.firewall.registrationsPerIp).toBeLessThan(
        (defaults.publicRegistrationThrottle.rateLimit * 300) / 2,
      );
      expect(everything.Statement.RateBasedStatement.Limit).toBe(defaults.firewall.requestsPerIp);
      expect(defaults.firewall.registrationsPerIp).toBeLessThan(defaults.firewall.requestsPerIp);
      // Registration rules are checked before the general limit and the managed groups.
      for (const name of ['RegistrationsPerIp', 'RegistrationChallenge'])
        expect(rule(name).Priority).toBeLessThan(everything.Priority);
    });

    it("accepts the tokens of the pages' domain (the distribution), where the citizen's page gets them", () => {
      expect(acl().Properties.TokenDomains).toEqual([
        { 'Fn::GetAtt': [logicalIdOf(api.web.distribution), 'DomainName'] },
      ]);
    });

    describe('its application integration URL, read when deploying', () => {
      const aclId = () => Object.keys(template.findResources('AWS::WAFv2::WebACL'))[0]!;
      const reader = (): [string, Json] => {
        const found = Object.entries(template.findResources('Custom::AWS')).filter(([, resource]) =>
          JSON.stringify(resource.Properties.Create).includes('getWebACL'),
        );
        expect(found).toHaveLength(1);
        return found[0] as [string, Json];
      };
      /** An SDK call as AwsCustomResource writes it: JSON with CloudFormation values as `<n>`, and those values. */
      const sdkCall = (value: Json): { call: Json; values: Json[] } => {
        const values: Json[] = [];
        const parts: Json[] = typeof value === 'string' ? [value] : value['Fn::Join'][1];
        const text = parts.map((p) => (typeof p === 'string' ? p : `<${values.push(p) - 1}>`)).join('');
        return { call: JSON.parse(text), values };
      };

      it('calls GetWebACL on this web ACL on create and update, keeping only ApplicationIntegrationURL', () => {
        const [, resource] = reader();
        for (const phase of ['Create', 'Update']) {
          const { call, values } = sdkCall(resource.Properties[phase]);
          expect(call, phase).toMatchObject({
            service: 'WAFV2',
            action: 'getWebACL',
            parameters: { Scope: 'REGIONAL' },
            outputPaths: ['ApplicationIntegrationURL'],
          });
          const cfnValue = (placeholder: string) => values[Number(placeholder.slice(1, -1))];
          expect(cfnValue(call.parameters.Name)).toEqual({
            'Fn::Select': [0, { 'Fn::Split': ['|', { Ref: aclId() }] }],
          });
          expect(cfnValue(call.parameters.Id)).toEqual({ 'Fn::GetAtt': [aclId(), 'Id'] });
          expect(cfnValue(call.physicalResourceId.id)).toEqual({ 'Fn::GetAtt': [aclId(), 'Id'] });
        }
        expect(resource.Properties.Delete).toBeUndefined();
      });

      it('may read that web ACL and nothing else', () => {
        const [, resource] = reader();
        const policies = asList<string>(resource.DependsOn)
          .map((id) => template.findResources('AWS::IAM::Policy')[id])
          .filter(Boolean) as Json[];
        expect(policies).toHaveLength(1);
        expect(policies[0].Properties.PolicyDocument.Statement).toEqual([
          { Action: 'wafv2:GetWebACL', Effect: 'Allow', Resource: { 'Fn::GetAtt': [aclId(), 'Arn'] } },
        ]);
      });
    });
  });

  describe('WAF body size', () => {
    const acl = (): Json => Object.values(template.findResources('AWS::WAFv2::WebACL'))[0];
    const groupBody = theLargestGroupRegistration();
    const groupBytes = Buffer.byteLength(JSON.stringify(groupBody));

    it('lets the largest valid group registration (30 members, every field at its longest) through', () => {
      expect(registerGroupBodySchema.safeParse(groupBody).success).toBe(true);
      expect(groupBytes).toBeGreaterThan(8 * 1024);
      const request = { method: 'POST', path: '/v1/municipalities/44021/groups', bodyBytes: groupBytes };
      expect(blockingForSize(acl(), request)).toEqual([]);
    });

    it.each([
      ['POST', '/v1/help-requests'],
      ['POST', '/v1/spontaneous/ABC123/registrations'],
      ['PUT', '/v1/municipalities/44021/requesters'],
      ['POST', '/v1/municipalities/44021/volunteers'],
      ['PATCH', '/v1/municipalities/44021/groups'],
      ['POST', '/v1/claims'],
    ])('still blocks a body over 8 KB on %s %s', (method, path) => {
      for (const bodyBytes of [8 * 1024 + 1, groupBytes, 1024 * 1024]) {
        expect(blockingForSize(acl(), { method, path, bodyBytes }), `${bodyBytes} bytes`).not.toEqual([]);
      }
      expect(blockingForSize(acl(), { method, path, bodyBytes: 8 * 1024 })).toEqual([]);
    });
  });

  describe('least privilege', () => {
    it.each(routeCases)('gives $key access to exactly the tables it needs', ({ key, route }) => {
      expect(actualTableAccess(statementsOfRoute(key))).toEqual(expectedTableAccess(route.needs));
    });

    it.each(routeCases)(
      'names only specific tables and their indexes in the DynamoDB grants of $key',
      ({ key }) => {
        const tableIds = Object.values(TABLES).map(logicalIdOf);
        for (const statement of dynamoStatements(statementsOfRoute(key))) {
          expect(statement.NotResource).toBeUndefined();
          expect(statement.NotAction).toBeUndefined();
          for (const resource of asList<Json>(statement.Resource)) {
            expect(
              tableIds.some((id) => mentions(resource, id)),
              `${key}: ${JSON.stringify(resource)}`,
            ).toBe(true);
          }
        }
      },
    );

    it.each(routeCases)('lets $key use the data key only if it touches a table', ({ key, route }) => {
      const keyId = logicalIdOf(dev.data.key);
      const usesKey = statementsOfRoute(key).some((s) => mentions(s.Resource, keyId));
      expect(usesKey).toBe(Object.keys(expectedTableAccess(route.needs)).length > 0);
    });

    it.each(routeCases)('gives $key exactly the state machine rights it needs', ({ key, route }) => {
      const expected = route.needs.flatMap((need) =>
        'stateMachine' in need
          ? [need.access === 'start' ? 'states:StartExecution' : 'states:SendTaskSuccess']
          : [],
      );
      expect(statesActionsOf(key).sort()).toEqual(expected.sort());
    });

    it.each(routeCases)('scopes the state machine rights of $key to its one state machine', ({ key }) => {
      const machineId = logicalIdOf(
        key === 'POST /help-requests/{id}/activations'
          ? dev.workflow.activationStateMachine
          : dev.workflow.stateMachine,
      );
      for (const statement of statementsOfRoute(key)) {
        if (!actionsOf(statement).some((a) => a.startsWith('states:'))) continue;
        expect(asList(statement.Resource)).toHaveLength(1);
        expect(mentions(statement.Resource, machineId)).toBe(true);
      }
    });

    it('lets GET /help-requests/{id} only read: Operations, and the names behind the answers in Registry and AdHoc', () => {
      const statements = statementsOfRoute('GET /help-requests/{id}');
      expect(actualTableAccess(statements)).toEqual({ Operations: 'read', Registry: 'read', AdHoc: 'read' });
    });

    it("lets only DELETE /volunteers/{id} read the erasure ledger's salt, through the secrets extension", () => {
      const saltId = logicalIdOf(dev.data.erasureLedgerSalt);
      const readers = routeCases
        .filter(({ key }) =>
          allowing(statementsOfRoute(key), 'secretsmanager:GetSecretValue').some((s) =>
            mentions(s.Resource, saltId),
          ),
        )
        .map(({ key }) => key);
      expect(readers).toEqual(['DELETE /volunteers/{id}']);
      const fn = template.findResources('AWS::Lambda::Function')[logicalIdOf(functionOf(readers[0]!))];
      expect(JSON.stringify(fn?.Properties.Environment.Variables.ERASURE_LEDGER_SALT_SECRET)).toContain(
        saltId,
      );
      expect(JSON.stringify(fn?.Properties.Layers)).toContain('AWS-Parameters-and-Secrets-Lambda-Extension');
    });

    it('gives GET /health no DynamoDB access at all', () => {
      expect(dynamoStatements(statementsOfRoute('GET /health'))).toEqual([]);
      expect(routeNamed('GET /health').needs).toEqual([]);
    });

    it('lets only POST /help-requests start lifecycle executions, and only the activation route activations', () => {
      const starting = (machine: IConstruct) =>
        routeCases
          .filter(({ key }) =>
            allowing(statementsOfRoute(key), 'states:StartExecution').some((s) =>
              mentions(s.Resource, logicalIdOf(machine)),
            ),
          )
          .map(({ key }) => key);
      expect(starting(dev.workflow.stateMachine)).toEqual(['POST /help-requests']);
      expect(starting(dev.workflow.activationStateMachine)).toEqual(['POST /help-requests/{id}/activations']);
    });

    it('lets only the acknowledge and close routes resume a waiting execution', () => {
      const resumers = routeCases
        .filter(({ key }) => allowing(statementsOfRoute(key), 'states:SendTaskSuccess').length > 0)
        .map(({ key }) => key);
      expect(resumers.sort()).toEqual([
        'POST /help-requests/{id}/acknowledge',
        'POST /help-requests/{id}/close',
      ]);
    });

    it('tells each function the names of exactly the tables it may touch', () => {
      for (const { key, route } of routeCases) {
        const fn = template.findResources('AWS::Lambda::Function')[logicalIdOf(functionOf(key))];
        const variables = Object.keys(fn?.Properties.Environment?.Variables ?? {}).filter((v) =>
          v.endsWith('_TABLE'),
        );
        const expected = (Object.keys(expectedTableAccess(route.needs)) as TableName[]).map(
          (t) => TABLE_VARIABLES[t],
        );
        expect(variables.sort(), key).toEqual(expected.sort());
      }
    });
  });
});
