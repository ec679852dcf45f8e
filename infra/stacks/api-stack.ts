import { CfnOutput, Duration, Lazy, RemovalPolicy, Stack, type StackProps, Stage } from 'aws-cdk-lib';
import {
  AccessLogFormat,
  AuthorizationType,
  CognitoUserPoolsAuthorizer,
  type CorsOptions,
  type IResource,
  LambdaIntegration,
  LogGroupLogDestination,
  MethodLoggingLevel,
  ResponseType,
  RestApi,
} from 'aws-cdk-lib/aws-apigateway';
import {
  AccountRecovery,
  CfnUserPoolGroup,
  ClientAttributes,
  FeaturePlan,
  LambdaVersion,
  Mfa,
  OAuthScope,
  ResourceServerScope,
  StringAttribute,
  UserPool,
  type UserPoolClient,
  type UserPoolDomain,
  UserPoolOperation,
  type UserPoolResourceServer,
} from 'aws-cdk-lib/aws-cognito';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { ROLES } from '../../shared/domain/identity';
import { POOL_INVITATION_TEMPLATE } from '../../shared/domain/officials';
import {
  CONSOLE_EXPOSED_HEADERS,
  CONSOLE_METHODS,
  CONSOLE_REQUEST_HEADERS,
  WAF_TOKEN_HEADER,
} from '../../shared/http/cors';
import {
  acceptedScopes,
  HELP_REQUESTS_READ,
  HELP_REQUESTS_WRITE,
  RESOURCE_SERVER_ID,
} from '../../shared/http/oauth-scopes';
import { ROUTES, type Route } from '../../shared/http/routes';
import type { ParameterValues } from '../../shared/manifest/environment';
import { FUNCTIONS } from '../../shared/manifest/functions';
import type { ErrorCode } from '../../shared/schemas/error';
import type { WebConfig } from '../../shared/web/web-config';
import type { StageConfig } from '../config';
import { ApiFirewall, WAF_SDK_HOSTS } from '../constructs/api-firewall';
import {
  constructIdOf,
  functionIdOf,
  HandlerFunction,
  type StageResources,
} from '../constructs/handler-function';
import { WebHosting } from '../constructs/web-hosting';

export interface ApiStackProps extends StackProps {
  /** What the API's functions may be granted (the user pool is this stack's own). */
  resources: Omit<StageResources, 'userPool'>;
  /** The stage's parameters; the public base URL defaults to the web pages' address. */
  parameters: ParameterValues;
  production: boolean;
  apiThrottle: StageConfig['apiThrottle'];
  publicRegistrationThrottle: StageConfig['publicRegistrationThrottle'];
  firewall: StageConfig['firewall'];
  signIn: StageConfig['signIn'];
  /** Defaults to one derived from the stage and account. */
  authDomainPrefix?: string;
}

const STAGE_NAME = 'v1';

/**
 * What every app client shares. Cognito lets a client write every attribute unless told which: a person may edit
 * their name and language, never a `custom:` attribute (municipality, volunteer id), which only administrators set.
 * CDK leaves ExplicitAuthFlows unset (Cognito then allows SRP and custom auth) unless a flow is named: naming one
 * as false leaves refresh tokens only, so signing in goes through managed login.
 */
export const CLIENT_DEFAULTS = {
  writeAttributes: new ClientAttributes().withStandardAttributes({ fullname: true, locale: true }),
  preventUserExistenceErrors: true,
  authFlows: { userSrp: false },
  accessTokenValidity: Duration.hours(1),
} as const;

/** The REST API (throttled, access-logged) with a Cognito authorizer; one function per route of ROUTES. */
export class ApiStack extends Stack {
  readonly api: RestApi;
  readonly userPool: UserPool;
  /** Deletes, every day, the insurance claims (and their files) whose retention date passed. */
  readonly claimRetention: HandlerFunction;
  /** The web pages' client: managed login, authorization code with PKCE. */
  readonly userClient: UserPoolClient;
  readonly functions: Map<string, HandlerFunction> = new Map();
  /** The API as an OAuth resource server: machine clients get its scopes. */
  readonly resourceServer: UserPoolResourceServer;
  readonly helpRequestScopes: Record<'read' | 'write', ResourceServerScope>;
  /** Puts what the API reads (municipality, volunteer id) into access tokens, users' and machine clients'. */
  readonly tokenTrigger: HandlerFunction;
  readonly firewall: ApiFirewall;
  /** The stage's base URL (no trailing slash): the pipeline's smoke test reads it. */
  readonly url: CfnOutput;
  /** The same URL as a value, for the pages' config.json. */
  readonly apiUrl: string;
  /** Managed login and the token endpoint. */
  readonly authDomain: UserPoolDomain;
  /** The web pages' bucket and distribution; their content comes from the Web stack. */
  readonly web: WebHosting;
  /** What the pages' `/config.json` says (the Web stack writes it). */
  readonly webConfig: WebConfig;

  constructor(scope: Construct, id: string, props: ApiStackProps) {
    super(scope, id, props);
    this.userPool = new UserPool(this, 'Users', {
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      passwordPolicy: {
        minLength: 12,
        requireDigits: true,
        requireLowercase: true,
        requireUppercase: true,
        requireSymbols: true,
      },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      // Officials are invited (POST /municipalities/{nis}/officials): Cognito e-mails this with a temporary password.
      userInvitation: POOL_INVITATION_TEMPLATE,
      // People who see volunteers' personal data sign in with an authenticator app as well.
      mfa: Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false },
      customAttributes: {
        municipality: new StringAttribute({ minLen: 5, maxLen: 5, mutable: true }),
        volunteerId: new StringAttribute({ minLen: 26, maxLen: 26, mutable: true }),
        // Set with the two above by an administrator's call only: the token trigger compares them (user-assignment.ts).
        assignment: new StringAttribute({ minLen: 1, maxLen: 32, mutable: true }),
      },
      removalPolicy: props.production ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
      // Access-token customisation (the trigger below) needs the Essentials plan.
      featurePlan: FeaturePlan.ESSENTIALS,
    });
    // V3: Cognito calls it for client-credentials tokens too, which get their municipality there.
    const resources: StageResources = { ...props.resources, userPool: this.userPool };
    this.tokenTrigger = new HandlerFunction(
      this,
      constructIdOf('preTokenGeneration', FUNCTIONS.preTokenGeneration),
      {
        spec: FUNCTIONS.preTokenGeneration,
        resources,
        parameters: props.parameters,
      },
    );
    this.userPool.addTrigger(
      UserPoolOperation.PRE_TOKEN_GENERATION_CONFIG,
      this.tokenTrigger,
      LambdaVersion.V3_0,
    );
    // Roles are Cognito groups; their names arrive in the `cognito:groups` claim.
    for (const role of ROLES) {
      new CfnUserPoolGroup(this, `Group${functionIdOf('', role)}`, {
        userPoolId: this.userPool.userPoolId,
        groupName: role,
      });
    }
    this.helpRequestScopes = {
      write: new ResourceServerScope({
        scopeName: HELP_REQUESTS_WRITE,
        scopeDescription: 'launch help requests',
      }),
      read: new ResourceServerScope({
        scopeName: HELP_REQUESTS_READ,
        scopeDescription: 'follow help requests',
      }),
    };
    // Two scopes only: a machine client's municipality is in its token (the trigger), not one scope each.
    this.resourceServer = this.userPool.addResourceServer('CrisisApi', {
      identifier: RESOURCE_SERVER_ID,
      scopes: Object.values(this.helpRequestScopes),
    });
    // Managed login (the web pages) and the token endpoint of machine clients live at the pool's domain.
    this.authDomain = this.userPool.addDomain('AuthDomain', {
      cognitoDomain: {
        // Unique across AWS in the region: the stage and the account make it so unless the stage config names one.
        domainPrefix:
          props.authDomainPrefix ??
          `crisis-corps-${(Stage.of(this)?.stageName ?? 'default').toLowerCase()}-${this.account}`,
      },
    });

    const accessLogs = new LogGroup(this, 'AccessLogs', { retention: RetentionDays.THREE_MONTHS });
    // The console's origin, known once the distribution below exists (it needs the API's id first).
    const consoleOrigin = Lazy.string({ produce: () => this.web.origin });
    const preflight: CorsOptions = {
      allowOrigins: [consoleOrigin],
      allowMethods: CONSOLE_METHODS,
      allowHeaders: CONSOLE_REQUEST_HEADERS,
      maxAge: Duration.hours(1),
    };
    this.api = new RestApi(this, 'Api', {
      description: 'Crisis tool for the Flemish municipal volunteer corps',
      // API Gateway answers every preflight (a MOCK per resource) for the console's origin only; the functions'
      // answers carry the same origin (shared/http/cors.ts).
      defaultCorsPreflightOptions: preflight,
      deployOptions: {
        stageName: STAGE_NAME,
        throttlingRateLimit: props.apiThrottle.rateLimit,
        throttlingBurstLimit: props.apiThrottle.burstLimit,
        tracingEnabled: true,
        loggingLevel: MethodLoggingLevel.ERROR,
        accessLogDestination: new LogGroupLogDestination(accessLogs),
        accessLogFormat: AccessLogFormat.jsonWithStandardFields(),
        // Anyone may call the public routes that write, so each gets a much tighter limit than the stage's.
        methodOptions: Object.fromEntries(
          ROUTES.filter((route) => route.throttled).map((route) => [
            `${route.path}/${route.method}`,
            {
              throttlingRateLimit: props.publicRegistrationThrottle.rateLimit,
              throttlingBurstLimit: props.publicRegistrationThrottle.burstLimit,
            },
          ]),
        ),
      },
    });
    // Built from the API's id: `api.url` depends on every method, so a function needing it would be a cycle.
    const stageUrl = `https://${this.api.restApiId}.execute-api.${this.region}.${this.urlSuffix}/${STAGE_NAME}`;
    this.url = new CfnOutput(this, 'ApiUrl', { value: stageUrl });
    this.apiUrl = stageUrl;

    // The pages' distribution lives here, not in the Web stack: the API's functions, CORS and sign-in need its
    // address, and its headers the API's. One stack has no cycle (distribution → API id, functions → distribution);
    // two would. The Web stack, deployed after this one, puts the pages and their config.json in.
    const issuerOrigin = `https://cognito-idp.${this.region}.${this.urlSuffix}`;
    this.web = new WebHosting(this, 'Web', {
      production: props.production,
      apiOrigin: `https://${this.api.restApiId}.execute-api.${this.region}.${this.urlSuffix}`,
      issuerOrigin,
      authOrigin: this.authDomain.baseUrl(),
      wafSdk: WAF_SDK_HOSTS,
    });
    const webOrigin = this.web.origin;
    // Where managed login sends people back after signing in and out: the console itself.
    const signInReturn = `${webOrigin}/`;
    const { callbackUrls, logoutUrls } = props.signIn;
    // A public client (no secret): the browser proves the code is its own with PKCE. The pages' own address comes
    // first; the stage's `signIn` addresses (a custom domain in front) are admitted too.
    this.userClient = this.userPool.addClient('ApiClient', {
      ...CLIENT_DEFAULTS,
      oAuth: {
        flows: { authorizationCodeGrant: true },
        scopes: [OAuthScope.OPENID, OAuthScope.COGNITO_ADMIN],
        callbackUrls: [signInReturn, ...callbackUrls],
        logoutUrls: [signInReturn, ...logoutUrls],
      },
    });
    this.firewall = new ApiFirewall(this, 'Firewall', {
      stage: this.api.deploymentStage,
      ...props.firewall,
      // The citizen's page gets its WAF token on the pages' domain and sends it to the API's.
      tokenDomains: [this.web.distribution.distributionDomainName],
    });
    this.webConfig = {
      apiUrl: stageUrl,
      wafIntegrationUrl: this.firewall.integrationUrl,
      auth: {
        kind: 'cognito',
        // The pool's issuer (what ProviderURL holds, spelt out so the synth can check it is a URL).
        authority: `${issuerOrigin}/${this.userPool.userPoolId}`,
        clientId: this.userClient.userPoolClientId,
        domain: this.authDomain.baseUrl(),
        redirectUri: signInReturn,
        logoutUri: signInReturn,
      },
    };
    const authorizer = new CognitoUserPoolsAuthorizer(this, 'Authorizer', {
      cognitoUserPools: [this.userPool],
    });

    // API Gateway's own refusals carry the bodies of API.md too, with the request id the handlers use as correlation id.
    const refusalHeaders = {
      'x-correlation-id': 'context.requestId',
      // So the console can read the refusal (an expired token's 401) instead of a CORS failure.
      'Access-Control-Allow-Origin': `'${consoleOrigin}'`,
      'Access-Control-Expose-Headers': `'${CONSOLE_EXPOSED_HEADERS.join(', ')}'`,
    };
    const refusal = (error: ErrorCode) => ({
      templates: { 'application/json': JSON.stringify({ error, correlationId: '$context.requestId' }) },
      responseHeaders: refusalHeaders,
    });
    // Every other refusal of the gateway (a WAF block, a body too large, an integration timeout) keeps AWS's own
    // body and gets the same headers, so the console can read it too.
    for (const [id, type] of [
      ['Default4xx', ResponseType.DEFAULT_4XX],
      ['Default5xx', ResponseType.DEFAULT_5XX],
    ] as const)
      this.api.addGatewayResponse(id, {
        type,
        templates: { 'application/json': '{"message":$context.error.messageString}' },
        responseHeaders: refusalHeaders,
      });
    this.api.addGatewayResponse('Unauthorized', {
      type: ResponseType.UNAUTHORIZED,
      statusCode: '401',
      ...refusal('Unauthorized'),
    });
    this.api.addGatewayResponse('AccessDenied', {
      type: ResponseType.ACCESS_DENIED,
      statusCode: '403',
      ...refusal('Forbidden'),
    });
    this.api.addGatewayResponse('Throttled', {
      type: ResponseType.THROTTLED,
      statusCode: '429',
      ...refusal('Throttled'),
    });
    this.api.addGatewayResponse('NotFound', {
      type: ResponseType.MISSING_AUTHENTICATION_TOKEN,
      statusCode: '404',
      ...refusal('NotFound'),
    });

    // Registration links open the citizens' page; every answer admits the console's origin (CORS).
    const parameters = {
      ...props.parameters,
      publicBaseUrl: props.parameters.publicBaseUrl ?? webOrigin,
      consoleOrigin: webOrigin,
    };
    // The routes the web ACL challenges (the public ones that write): the citizen's page sends AWS WAF's token with
    // them, so their preflight admits its header; no other does.
    const resourceOf = (route: Route): IResource => {
      if (!route.throttled) return this.api.root.resourceForPath(route.path);
      const parent = this.api.root.resourceForPath(route.path.slice(0, route.path.lastIndexOf('/')));
      const part = route.path.slice(route.path.lastIndexOf('/') + 1);
      return (
        parent.getResource(part) ??
        parent.addResource(part, {
          defaultCorsPreflightOptions: {
            ...preflight,
            allowHeaders: [...CONSOLE_REQUEST_HEADERS, WAF_TOKEN_HEADER],
          },
        })
      );
    };
    for (const route of ROUTES) {
      const fn = new HandlerFunction(this, constructIdOf(route.name, FUNCTIONS[route.name]), {
        spec: FUNCTIONS[route.name],
        resources,
        parameters,
      });
      this.functions.set(`${route.method} ${route.path}`, fn);
      resourceOf(route).addMethod(route.method, new LambdaIntegration(fn), {
        // With scopes API Gateway takes access tokens (users' and machines'), the only kind machine clients have.
        ...(route.public
          ? {}
          : {
              authorizer,
              authorizationType: AuthorizationType.COGNITO,
              authorizationScopes: acceptedScopes(route.machineScope),
            }),
      });
    }

    // Beside the claim routes it serves.
    this.claimRetention = new HandlerFunction(
      this,
      constructIdOf('claimRetention', FUNCTIONS.claimRetention),
      {
        spec: FUNCTIONS.claimRetention,
        resources,
        parameters,
      },
    );
    new Rule(this, 'ClaimRetentionDaily', {
      description: FUNCTIONS.claimRetention.trigger.description,
      schedule: Schedule.cron(FUNCTIONS.claimRetention.trigger.cron),
      targets: [new LambdaFunction(this.claimRetention)],
    });
  }
}
