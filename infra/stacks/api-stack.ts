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
import { Policy, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import type { StateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import type { Construct } from 'constructs';
import { ROLES } from '../../shared/domain/identity';
import {
  acceptedScopes,
  HELP_REQUESTS_READ,
  HELP_REQUESTS_WRITE,
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
  /** Append-only for the functions that erase; its salt, a secret only they may read. */
  erasureLedger: Table;
  erasureLedgerSalt: ISecret;
  smsJobsTopic: ITopic;
  stateMachine: StateMachine;
  production: boolean;
  lifecycleTiming?: LifecycleTiming;
  apiThrottle: StageConfig['apiThrottle'];
  publicRegistrationThrottle: StageConfig['publicRegistrationThrottle'];
  firewall: StageConfig['firewall'];
  /** Whether the stage has machine clients (MachineClientsStack): they need the pool's token endpoint. */
  machineClients: boolean;
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
export const CLIENT_DEFAULTS = {
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
  /** The API as an OAuth resource server: machine clients get its scopes. */
  readonly resourceServer: UserPoolResourceServer;
  readonly helpRequestScopes: Record<'read' | 'write', ResourceServerScope>;
  /** Puts what the API reads (municipality, volunteer id) into access tokens, users' and machine clients'. */
  readonly tokenTrigger: HandlerFunction;
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
    // V3: Cognito calls it for client-credentials tokens too, which get their municipality there.
    this.tokenTrigger = new HandlerFunction(this, 'PreTokenGeneration', {
      entry: 'functions/cognito/pre-token-generation.ts',
    });
    this.userPool.addTrigger(
      UserPoolOperation.PRE_TOKEN_GENERATION_CONFIG,
      this.tokenTrigger,
      LambdaVersion.V3_0,
    );
    // A policy of its own: in the function's default policy the pool's ARN would be a cycle (pool → function → pool).
    new Policy(this.tokenTrigger, 'ReadAppClients', {
      roles: [this.tokenTrigger.role!],
      statements: [
        new PolicyStatement({
          actions: ['cognito-idp:ListUserPoolClients'],
          resources: [this.userPool.userPoolArn],
        }),
      ],
    });
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
    // Managed login and the token endpoint of machine clients live at the pool's domain.
    if (callbackUrls.length > 0 || props.machineClients)
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
      const fn = new HandlerFunction(this, functionIdOf(route.method, route.path), {
        entry: route.entry,
        readsSecrets: route.needs?.includes('erasure-ledger') ?? false,
      });
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
      case 'erasure-ledger':
        fn.bindTable(props.erasureLedger, 'ERASURE_LEDGER_TABLE', 'append');
        fn.bindSecret(props.erasureLedgerSalt, 'ERASURE_LEDGER_SALT_SECRET');
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
