import { CfnOutput, Duration, RemovalPolicy, Stack, type StackProps, Stage } from 'aws-cdk-lib';
import {
  AccessLogFormat,
  AuthorizationType,
  CognitoUserPoolsAuthorizer,
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
  UserPoolOperation,
  type UserPoolResourceServer,
} from 'aws-cdk-lib/aws-cognito';
import type { Table } from 'aws-cdk-lib/aws-dynamodb';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import type { StateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import type { Construct } from 'constructs';
import { ROLES } from '../../shared/domain/identity';
import {
  acceptedScopes,
  HELP_REQUESTS_READ,
  HELP_REQUESTS_WRITE,
  municipalityScopeName,
  RESOURCE_SERVER_ID,
} from '../../shared/http/oauth-scopes';
import { type Need, ROUTES } from '../../shared/http/routes';
import type { LifecycleTiming } from '../../shared/schemas/help-request';
import type { StageConfig } from '../config';
import { ApiFirewall } from '../constructs/api-firewall';
import type { AttachmentBucket } from '../constructs/attachment-bucket';
import { HandlerFunction } from '../constructs/handler-function';

export interface ApiStackProps extends StackProps {
  registry: Table;
  operations: Table;
  adHoc: Table;
  idempotency: Table;
  audit: Table;
  attachments: AttachmentBucket;
  smsJobsTopic: ITopic;
  stateMachine: StateMachine;
  production: boolean;
  lifecycleTiming?: LifecycleTiming;
  apiThrottle: StageConfig['apiThrottle'];
  publicRegistrationThrottle: StageConfig['publicRegistrationThrottle'];
  firewall: StageConfig['firewall'];
  machineClients: StageConfig['machineClients'];
  signIn: StageConfig['signIn'];
  /** Defaults to one derived from the stage and account. */
  authDomainPrefix?: string;
  /** Defaults to the stage's own execute-api address. */
  publicBaseUrl?: string;
  reportUnitPricesEur?: StageConfig['reportUnitPricesEur'];
  corpsFundedPlaces?: StageConfig['corpsFundedPlaces'];
  allowedPhoneCountries: StageConfig['allowedPhoneCountries'];
  spontaneousRegistrationCap: StageConfig['spontaneousRegistrationCap'];
  claimRetentionYears: StageConfig['claimRetentionYears'];
}

const STAGE_NAME = 'v1';

/**
 * What every app client shares. Cognito lets a client write every attribute unless told which: a person may edit
 * their name and language, never a `custom:` attribute (municipality, volunteer id), which only administrators set.
 * CDK leaves ExplicitAuthFlows unset (Cognito then allows SRP and custom auth) unless a flow is named: naming one
 * as false leaves refresh tokens only, so signing in goes through managed login.
 */
const CLIENT_DEFAULTS = {
  writeAttributes: new ClientAttributes().withStandardAttributes({ fullname: true, locale: true }),
  preventUserExistenceErrors: true,
  authFlows: { userSrp: false },
  accessTokenValidity: Duration.hours(1),
} as const;

/** `POST /help-requests/{id}/close` → `PostHelpRequestsIdClose`: a stable construct id per route. */
const functionIdOf = (method: string, path: string): string =>
  [method.toLowerCase(), ...path.split('/')]
    .map((part) => part.replace(/[{}.]/g, '').replace(/(^|-)(\w)/g, (_m, _d, c: string) => c.toUpperCase()))
    .join('');

/** The REST API (throttled, access-logged) with a Cognito authorizer; one function per route of ROUTES. */
export class ApiStack extends Stack {
  readonly api: RestApi;
  readonly userPool: UserPool;
  /** Deletes, every day, the insurance claims (and their files) whose retention date passed. */
  readonly claimRetention: HandlerFunction;
  /** The web pages' client: managed login, authorization code with PKCE. */
  readonly userClient: UserPoolClient;
  readonly functions: Map<string, HandlerFunction> = new Map();
  readonly resourceServer: UserPoolResourceServer;
  /** Municipal crisis software, by the client's name in the stage config. */
  readonly machineClients: Map<string, UserPoolClient> = new Map();
  readonly firewall: ApiFirewall;
  /** The stage's base URL (no trailing slash): the pipeline's smoke test reads it. */
  readonly url: CfnOutput;

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
    this.userPool.addTrigger(
      UserPoolOperation.PRE_TOKEN_GENERATION_CONFIG,
      new HandlerFunction(this, 'PreTokenGeneration', { entry: 'functions/cognito/pre-token-generation.ts' }),
      LambdaVersion.V2_0,
    );
    // Roles are Cognito groups; their names arrive in the `cognito:groups` claim.
    for (const role of ROLES) {
      new CfnUserPoolGroup(this, `Group${functionIdOf('', role)}`, {
        userPoolId: this.userPool.userPoolId,
        groupName: role,
      });
    }
    const { callbackUrls, logoutUrls } = props.signIn;
    // A public client (no secret): the browser proves the code is its own with PKCE.
    this.userClient = this.userPool.addClient('ApiClient', {
      ...CLIENT_DEFAULTS,
      ...(callbackUrls.length === 0
        ? { disableOAuth: true }
        : {
            oAuth: {
              flows: { authorizationCodeGrant: true },
              scopes: [OAuthScope.OPENID, OAuthScope.COGNITO_ADMIN],
              callbackUrls,
              logoutUrls,
            },
          }),
    });
    this.resourceServer = this.addMachineClients(props);
    // Managed login and the token endpoint of machine clients live at the pool's domain.
    if (callbackUrls.length > 0 || props.machineClients.length > 0)
      this.userPool.addDomain('AuthDomain', {
        cognitoDomain: {
          // Unique across AWS in the region: the stage and the account make it so unless the stage config names one.
          domainPrefix:
            props.authDomainPrefix ??
            `crisis-corps-${(Stage.of(this)?.stageName ?? 'default').toLowerCase()}-${this.account}`,
        },
      });

    const accessLogs = new LogGroup(this, 'AccessLogs', { retention: RetentionDays.THREE_MONTHS });
    this.api = new RestApi(this, 'Api', {
      description: 'Crisis tool for the Flemish municipal volunteer corps',
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
    const authorizer = new CognitoUserPoolsAuthorizer(this, 'Authorizer', {
      cognitoUserPools: [this.userPool],
    });
    this.firewall = new ApiFirewall(this, 'Firewall', { stage: this.api.deploymentStage, ...props.firewall });

    // API Gateway's own refusals carry the bodies of API.md too, with the request id the handlers use as correlation id.
    const refusal = (error: string) => ({
      templates: { 'application/json': JSON.stringify({ error, correlationId: '$context.requestId' }) },
      responseHeaders: { 'x-correlation-id': 'context.requestId' },
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

    for (const route of ROUTES) {
      const fn = new HandlerFunction(this, functionIdOf(route.method, route.path), { entry: route.entry });
      for (const need of route.needs ?? []) this.grant(fn, need, props, stageUrl);
      this.functions.set(`${route.method} ${route.path}`, fn);
      this.api.root.resourceForPath(route.path).addMethod(route.method, new LambdaIntegration(fn), {
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

    // Beside the claim routes it serves; early morning in Belgium, far from the day's activations.
    this.claimRetention = new HandlerFunction(this, 'ClaimRetention', {
      entry: 'functions/schedule/claim-retention.ts',
      timeout: Duration.minutes(5),
    })
      .bindTable(props.operations, 'OPERATIONS_TABLE', 'write')
      .bindTable(props.audit, 'AUDIT_TABLE', 'append');
    this.claimRetention.addEnvironment('ATTACHMENTS_BUCKET', props.attachments.bucket.bucketName);
    props.attachments.grantDeleteClaimFiles(this.claimRetention);
    new Rule(this, 'ClaimRetentionDaily', {
      description: 'deletes insurance claims and their files past their retention date',
      schedule: Schedule.cron({ minute: '0', hour: '2' }),
      targets: [new LambdaFunction(this.claimRetention)],
    });
  }

  /**
   * The API as an OAuth resource server and one client-credentials app client per configured municipal system: it
   * gets the help-request scopes of its access and the scope of its municipality, which identityFromClaims reads.
   */
  private addMachineClients(props: ApiStackProps): UserPoolResourceServer {
    const municipalities = [...new Set(props.machineClients.map((client) => client.municipality))];
    const scopes = {
      [HELP_REQUESTS_WRITE]: new ResourceServerScope({
        scopeName: HELP_REQUESTS_WRITE,
        scopeDescription: 'launch help requests',
      }),
      [HELP_REQUESTS_READ]: new ResourceServerScope({
        scopeName: HELP_REQUESTS_READ,
        scopeDescription: 'follow help requests',
      }),
    };
    const municipalityScopes = new Map(
      municipalities.map((nis) => [
        nis,
        new ResourceServerScope({
          scopeName: municipalityScopeName(nis),
          scopeDescription: `act for municipality ${nis}`,
        }),
      ]),
    );
    const resourceServer = this.userPool.addResourceServer('CrisisApi', {
      identifier: RESOURCE_SERVER_ID,
      scopes: [...Object.values(scopes), ...municipalityScopes.values()],
    });
    for (const client of props.machineClients) {
      const access = [scopes[HELP_REQUESTS_READ]];
      if (client.access === 'write') access.push(scopes[HELP_REQUESTS_WRITE]);
      const municipality = municipalityScopes.get(client.municipality) as ResourceServerScope;
      this.machineClients.set(
        client.name,
        this.userPool.addClient(`Machine${client.name}`, {
          ...CLIENT_DEFAULTS,
          userPoolClientName: `${client.name}-${client.municipality}`,
          generateSecret: true,
          oAuth: {
            flows: { clientCredentials: true },
            scopes: [...access, municipality].map((scope) =>
              OAuthScope.resourceServer(resourceServer, scope),
            ),
          },
        }),
      );
    }
    return resourceServer;
  }

  private grant(fn: HandlerFunction, need: Need, props: ApiStackProps, stageUrl: string): void {
    switch (need) {
      case 'registry:read':
        fn.bindTable(props.registry, 'REGISTRY_TABLE', 'read');
        return;
      case 'registry:write':
        fn.bindTable(props.registry, 'REGISTRY_TABLE', 'write');
        return;
      case 'operations:read':
        fn.bindTable(props.operations, 'OPERATIONS_TABLE', 'read');
        return;
      case 'operations:write':
        fn.bindTable(props.operations, 'OPERATIONS_TABLE', 'write');
        return;
      case 'audit':
        fn.bindTable(props.audit, 'AUDIT_TABLE', 'append');
        return;
      case 'sms-jobs':
        fn.bindTopicPublish(props.smsJobsTopic, 'SMS_JOBS_TOPIC_ARN');
        return;
      case 'adhoc:read':
        fn.bindTable(props.adHoc, 'ADHOC_TABLE', 'read');
        return;
      case 'adhoc:write':
        fn.bindTable(props.adHoc, 'ADHOC_TABLE', 'write');
        return;
      case 'public-url':
        fn.addEnvironment('PUBLIC_BASE_URL', props.publicBaseUrl ?? stageUrl);
        return;
      case 'attachments:upload':
        fn.addEnvironment('ATTACHMENTS_BUCKET', props.attachments.bucket.bucketName);
        props.attachments.grantUpload(fn);
        return;
      case 'report-config':
        if (props.reportUnitPricesEur) {
          const { basic, refresher, simulation } = props.reportUnitPricesEur;
          fn.addEnvironment('REPORT_PRICE_BASIC_EUR', String(basic));
          fn.addEnvironment('REPORT_PRICE_REFRESHER_EUR', String(refresher));
          fn.addEnvironment('REPORT_PRICE_SIMULATION_EUR', String(simulation));
        }
        return;
      case 'registration-policy':
        fn.addEnvironment('ALLOWED_PHONE_COUNTRIES', props.allowedPhoneCountries.join(','));
        fn.addEnvironment('SPONTANEOUS_REGISTRATION_CAP', String(props.spontaneousRegistrationCap));
        return;
      case 'accounts:delete':
        fn.addEnvironment('USER_POOL_ID', this.userPool.userPoolId);
        fn.addToRolePolicy(
          new PolicyStatement({
            actions: ['cognito-idp:ListUsers', 'cognito-idp:AdminDeleteUser'],
            resources: [this.userPool.userPoolArn],
          }),
        );
        return;
      case 'claim-retention':
        fn.addEnvironment('CLAIM_RETENTION_YEARS', String(props.claimRetentionYears));
        return;
      case 'corps-funding':
        if (props.corpsFundedPlaces)
          fn.addEnvironment('CORPS_FUNDED_PLACES', JSON.stringify(props.corpsFundedPlaces));
        return;
      case 'idempotency':
        fn.bindTable(props.idempotency, 'IDEMPOTENCY_TABLE', 'write');
        return;
      case 'start-execution':
        fn.addEnvironment('STATE_MACHINE_ARN', props.stateMachine.stateMachineArn);
        if (props.lifecycleTiming)
          fn.addEnvironment('LIFECYCLE_TIMING', JSON.stringify(props.lifecycleTiming));
        props.stateMachine.grantStartExecution(fn);
        return;
      case 'resume-execution':
        fn.addToRolePolicy(
          new PolicyStatement({
            actions: ['states:SendTaskSuccess'],
            resources: [props.stateMachine.stateMachineArn],
          }),
        );
        return;
    }
  }
}
