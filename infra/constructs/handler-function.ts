import path from 'node:path';
import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import type { IUserPool } from 'aws-cdk-lib/aws-cognito';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Policy, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import {
  Architecture,
  type CfnFunction,
  LoggingFormat,
  ParamsAndSecretsLayerVersion,
  ParamsAndSecretsVersions,
  Runtime,
  Tracing,
} from 'aws-cdk-lib/aws-lambda';
import { type BundlingOptions, NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import type {
  CfnConfigurationSet,
  CfnPhoneNumber,
  CfnPool,
  CfnProtectConfiguration,
} from 'aws-cdk-lib/aws-smsvoice';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import type { Construct } from 'constructs';
import { environmentOf, type ParameterValues } from '../../shared/manifest/environment';
import { needsOf } from '../../shared/manifest/functions';
import { type Need, type TableName, USER_POOL_ACTIONS } from '../../shared/manifest/needs';
import type { FunctionSpec } from '../../shared/manifest/triggers';
import { SERVICE_NAME } from '../../shared/observability/logger';
import { METRICS_NAMESPACE } from '../../shared/observability/metrics';
import type { AttachmentBucket } from './attachment-bucket';

export const PROJECT_ROOT = path.resolve(import.meta.dirname, '../..');

/** Every function's memory unless it says otherwise (none does yet): the benchmark's cost model prices it. */
export const DEFAULT_MEMORY_MB = 512;

/** `POST /help-requests/{id}/close` → `PostHelpRequestsIdClose`: a stable construct id per route. */
export const functionIdOf = (method: string, path: string): string =>
  [method.toLowerCase(), ...path.split('/')]
    .map((part) => part.replace(/[{}.]/g, '').replace(/(^|-)(\w)/g, (_m, _d, c: string) => c.toUpperCase()))
    .join('');

/** The construct id of a manifest entry, as the stacks have always named it (logs and functions keep their names). */
export const constructIdOf = (name: string, spec: FunctionSpec): string => {
  if (spec.trigger.kind === 'api') return functionIdOf(spec.trigger.method, spec.trigger.path);
  const pascal = name.charAt(0).toUpperCase() + name.slice(1);
  return spec.trigger.kind === 'task' ? `${pascal}Function` : pascal;
};

/** The resources of the stage a stack can hand its functions; each function is granted only what it needs of them. */
export interface StageResources {
  tables?: Partial<Record<TableName, ITable>>;
  smsJobsTopic?: ITopic;
  /** The lifecycle state machine's ARN (built from its fixed name where the machine itself would be a cycle). */
  stateMachineArn?: string;
  /** The activation state machine's ARN: the activation route starts it. */
  activationStateMachineArn?: string;
  attachments?: AttachmentBucket;
  userPool?: IUserPool;
  erasureLedgerSalt?: ISecret;
  smsSending?: SmsSending;
}

/** Where SMS go out from (AWS End User Messaging SMS): what a function that sends is granted and told. */
export interface SmsSending {
  pool: CfnPool;
  phoneNumbers: readonly CfnPhoneNumber[];
  configurationSet: CfnConfigurationSet;
  /** The configuration set's name (what SendTextMessage takes). */
  configurationSetName: string;
  protectConfiguration: CfnProtectConfiguration;
  maxPricePerMessageUsd: number;
}

export interface HandlerFunctionProps {
  /** The function's manifest entry (shared/manifest/functions.ts): entry point, timeout and needs. */
  spec: FunctionSpec;
  resources: StageResources;
  parameters: ParameterValues;
  logRetention?: RetentionDays;
}

/**
 * How every function is bundled: a minified ESM file for Node 24 with the AWS SDK in it, tree-shaken. Measured
 * against leaving the SDK to the Lambda runtime's copy, it starts 5–10 % faster (one file to read instead of the
 * SDK's packages) for 2.5 times the size (README, Performance).
 */
export const BUNDLING = {
  format: OutputFormat.ESM,
  minify: true,
  sourceMap: true,
  // Stack traces need the mappings only: without the sources each map is a quarter of the size.
  sourcesContent: false,
  target: 'node24',
  mainFields: ['module', 'main'],
  bundleAwsSDK: true,
} satisfies BundlingOptions;

/** CDK context `awsSdk=runtime` leaves the AWS SDK to the Lambda runtime in every function: `npm run bench` compares. */
export const AWS_SDK_CONTEXT = 'awsSdk';

/** A function's bundling: the AWS SDK left to the runtime where its entry or the CDK context `awsSdk` says so. */
export const bundlingOf = (spec: FunctionSpec, awsSdkContext: unknown): BundlingOptions =>
  spec.awsSdk === 'runtime' || awsSdkContext === 'runtime' ? { ...BUNDLING, bundleAwsSDK: false } : BUNDLING;

/** The most code of our own a function's bundle may carry, the AWS SDK aside (issue 16). */
export const MAX_BUNDLE_BYTES = 250 * 1024;

const hasSecret = (needs: readonly Need[]) => needs.some((need) => 'secret' in need);

/**
 * Every Lambda of the system: Node 24 on arm64, a minified ESM bundle from the local esbuild, JSON logs with
 * their own retention, X-Ray active tracing and the Powertools defaults. It is granted exactly the needs of its
 * manifest entry and told, in its environment, where each one is (environmentOf), and nothing else.
 */
const TRACING_POLICY_ID = 'FunctionTracing';

/** The stack's X-Ray policy, made by its first function. */
const tracingPolicyOf = (stack: Stack): Policy =>
  (stack.node.tryFindChild(TRACING_POLICY_ID) as Policy | undefined) ??
  new Policy(stack, TRACING_POLICY_ID, {
    statements: [
      new PolicyStatement({
        actions: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'],
        resources: ['*'],
      }),
    ],
  });

export class HandlerFunction extends NodejsFunction {
  constructor(
    scope: Construct,
    id: string,
    { spec, resources, parameters, logRetention }: HandlerFunctionProps,
  ) {
    const logGroup = new LogGroup(scope, `${id}Logs`, {
      retention: logRetention ?? RetentionDays.THREE_MONTHS,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    super(scope, id, {
      entry: path.join(PROJECT_ROOT, spec.entry),
      projectRoot: PROJECT_ROOT,
      depsLockFilePath: path.join(PROJECT_ROOT, 'package-lock.json'),
      runtime: Runtime.NODEJS_24_X,
      architecture: Architecture.ARM_64,
      timeout: Duration.seconds(spec.timeoutSeconds ?? 29),
      memorySize: DEFAULT_MEMORY_MB,
      loggingFormat: LoggingFormat.JSON,
      logGroup,
      // The secret is read through the AWS Parameters and Secrets extension, so no SDK client is bundled.
      ...(hasSecret(spec.needs)
        ? { paramsAndSecrets: ParamsAndSecretsLayerVersion.fromVersion(ParamsAndSecretsVersions.V1_0_103) }
        : {}),
      environment: {
        POWERTOOLS_SERVICE_NAME: SERVICE_NAME,
        POWERTOOLS_LOG_LEVEL: 'INFO',
        POWERTOOLS_METRICS_NAMESPACE: METRICS_NAMESPACE,
        NODE_OPTIONS: '--enable-source-maps',
        ...environmentOf(needsOf(spec), { resources: namesOf(resources), parameters }),
      },
      bundling: bundlingOf(spec, scope.node.tryGetContext(AWS_SDK_CONTEXT)),
    });
    // Active tracing, its grants in a policy of their own: X-Ray's actions take no resource, so this policy is the
    // only place a function may hold `Resource::*` (infra/nag-suppressions.ts accepts it there and nowhere else).
    // One policy per stack, attached to every function's role: one per function cost the API stack 45 of
    // CloudFormation's 500 resources.
    const cfnFunction = this.node.defaultChild as CfnFunction;
    cfnFunction.tracingConfig = { mode: Tracing.ACTIVE };
    this.tracing = tracingPolicyOf(Stack.of(this));
    this.role?.attachInlinePolicy(this.tracing);
    cfnFunction.node.addDependency(this.tracing);
    for (const need of spec.needs) this.grantNeed(need, resources);
  }

  /** The function's X-Ray grants (shared by every function of its stack). */
  readonly tracing: Policy;

  private grantNeed(need: Need, resources: StageResources): void {
    const given = <T>(resource: T | undefined, what: string): T => {
      if (resource === undefined)
        throw new Error(`${this.node.id} needs ${what}, which its stack was not given`);
      return resource;
    };
    if ('table' in need) {
      const table = given(resources.tables?.[need.table], `the ${need.table} table`);
      if (need.access === 'read') table.grantReadData(this);
      else if (need.access === 'write') table.grantReadWriteData(this);
      else {
        // Append-only (the audit trail, the erasure ledger): new items, never a read, an update or a delete.
        table.grant(this, 'dynamodb:PutItem');
        table.encryptionKey?.grantEncryptDecrypt(this);
      }
    } else if ('topic' in need) {
      given(resources.smsJobsTopic, 'the SMS job topic').grantPublish(this);
    } else if ('stateMachine' in need) {
      const arn =
        need.stateMachine === 'lifecycle'
          ? given(resources.stateMachineArn, 'the state machine')
          : given(resources.activationStateMachineArn, 'the activation state machine');
      const action = need.access === 'start' ? 'states:StartExecution' : 'states:SendTaskSuccess';
      this.addToRolePolicy(new PolicyStatement({ actions: [action], resources: [arn] }));
    } else if ('bucket' in need) {
      const attachments = given(resources.attachments, 'the attachment bucket');
      if (need.access === 'upload') attachments.grantUpload(this);
      else attachments.grantDeleteClaimFiles(this);
    } else if ('userPool' in need) {
      const pool = given(resources.userPool, 'the user pool');
      const { policy: id, actions } = USER_POOL_ACTIONS[need.access];
      // A policy of its own: in the default policy the pool's ARN would be a cycle for its trigger (pool → function
      // → pool).
      new Policy(this, id, {
        roles: [this.role!],
        statements: [new PolicyStatement({ actions: [...actions], resources: [pool.userPoolArn] })],
      });
    } else if ('secret' in need) {
      this.grantSecretRead(given(resources.erasureLedgerSalt, 'the erasure ledger salt'));
    } else if ('sms' in need) {
      // SendTextMessage authorises every resource the call names: the pool (or a number of it, for a retry or a
      // reply), the configuration set and the protect configuration; nothing else of the account's SMS.
      const sending = given(resources.smsSending, 'the SMS pool');
      this.addToRolePolicy(
        new PolicyStatement({
          actions: ['sms-voice:SendTextMessage'],
          resources: [
            sending.pool.attrArn,
            ...sending.phoneNumbers.map((number) => number.attrArn),
            sending.configurationSet.attrArn,
            sending.protectConfiguration.attrArn,
          ],
        }),
      );
    }
    // A parameter is its environment variables only.
  }

  private grantSecretRead(secret: ISecret): void {
    // On the function's own policy: Secret.grantRead would write this role into the data key's policy (a cycle
    // between the Data stack and the function's).
    this.addToRolePolicy(
      new PolicyStatement({ actions: ['secretsmanager:GetSecretValue'], resources: [secret.secretArn] }),
    );
    if (secret.encryptionKey) {
      this.addToRolePolicy(
        new PolicyStatement({
          actions: ['kms:Decrypt'],
          resources: [secret.encryptionKey.keyArn],
          conditions: {
            StringEquals: { 'kms:ViaService': `secretsmanager.${Stack.of(this).region}.amazonaws.com` },
          },
        }),
      );
    }
  }
}

/** Where each resource is, as the functions' environment says it. */
const namesOf = (resources: StageResources) => ({
  tables: Object.fromEntries(
    Object.entries(resources.tables ?? {}).map(([name, table]) => [name, table.tableName]),
  ),
  ...(resources.smsJobsTopic ? { smsJobsTopic: resources.smsJobsTopic.topicArn } : {}),
  ...(resources.stateMachineArn ? { stateMachine: resources.stateMachineArn } : {}),
  ...(resources.activationStateMachineArn
    ? { activationStateMachine: resources.activationStateMachineArn }
    : {}),
  ...(resources.attachments ? { attachmentsBucket: resources.attachments.bucket.bucketName } : {}),
  ...(resources.userPool ? { userPool: resources.userPool.userPoolId } : {}),
  ...(resources.erasureLedgerSalt
    ? { erasureLedgerSalt: { secretArn: resources.erasureLedgerSalt.secretArn } }
    : {}),
  ...(resources.smsSending
    ? {
        smsSending: {
          pool: resources.smsSending.pool.attrArn,
          configurationSet: resources.smsSending.configurationSetName,
          protectConfiguration: resources.smsSending.protectConfiguration.attrProtectConfigurationId,
          maxPriceUsd: resources.smsSending.maxPricePerMessageUsd.toFixed(2),
        },
      }
    : {}),
});
