import path from 'node:path';
import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
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
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import type { Construct } from 'constructs';
import { SERVICE_NAME } from '../../shared/observability/logger';
import { METRICS_NAMESPACE } from '../../shared/observability/metrics';

export const PROJECT_ROOT = path.resolve(import.meta.dirname, '../..');

/** Every function's memory unless it says otherwise (none does yet): the benchmark's cost model prices it. */
export const DEFAULT_MEMORY_MB = 512;

export interface HandlerFunctionProps {
  /** Entry point, from the project root (functions/…). */
  entry: string;
  timeout?: Duration;
  memorySize?: number;
  environment?: Record<string, string>;
  logRetention?: RetentionDays;
  /** Reads a secret (bindSecret): gets the AWS Parameters and Secrets extension, so no SDK client is bundled. */
  readsSecrets?: boolean;
}

/**
 * Every Lambda of the system: Node 24 on arm64, a minified ESM bundle from the local esbuild, JSON logs with
 * their own retention, X-Ray active tracing and the Powertools defaults. Bind helpers grant and configure in one call.
 */
export class HandlerFunction extends NodejsFunction {
  private readonly readsSecrets: boolean;

  constructor(scope: Construct, id: string, props: HandlerFunctionProps) {
    const logGroup = new LogGroup(scope, `${id}Logs`, {
      retention: props.logRetention ?? RetentionDays.THREE_MONTHS,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    super(scope, id, {
      entry: path.join(PROJECT_ROOT, props.entry),
      projectRoot: PROJECT_ROOT,
      depsLockFilePath: path.join(PROJECT_ROOT, 'package-lock.json'),
      runtime: Runtime.NODEJS_24_X,
      architecture: Architecture.ARM_64,
      timeout: props.timeout ?? Duration.seconds(29),
      memorySize: props.memorySize ?? DEFAULT_MEMORY_MB,
      loggingFormat: LoggingFormat.JSON,
      logGroup,
      ...(props.readsSecrets
        ? { paramsAndSecrets: ParamsAndSecretsLayerVersion.fromVersion(ParamsAndSecretsVersions.V1_0_103) }
        : {}),
      environment: {
        POWERTOOLS_SERVICE_NAME: SERVICE_NAME,
        POWERTOOLS_LOG_LEVEL: 'INFO',
        POWERTOOLS_METRICS_NAMESPACE: METRICS_NAMESPACE,
        NODE_OPTIONS: '--enable-source-maps',
        ...props.environment,
      },
      bundling: {
        format: OutputFormat.ESM,
        minify: true,
        sourceMap: true,
        // Stack traces need the mappings only: without the sources each map is a quarter of the size.
        sourcesContent: false,
        target: 'node24',
        mainFields: ['module', 'main'],
      },
    });
    // Active tracing, its grants in a policy of their own: X-Ray's actions take no resource, so this policy is the
    // only place a function may hold `Resource::*` (infra/nag-suppressions.ts accepts it there and nowhere else).
    this.readsSecrets = props.readsSecrets ?? false;
    const cfnFunction = this.node.defaultChild as CfnFunction;
    cfnFunction.tracingConfig = { mode: Tracing.ACTIVE };
    this.tracing = new Policy(this, 'Tracing', {
      statements: [
        new PolicyStatement({
          actions: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'],
          resources: ['*'],
        }),
      ],
    });
    this.role?.attachInlinePolicy(this.tracing);
    cfnFunction.node.addDependency(this.tracing);
  }

  /** The function's X-Ray grants. */
  readonly tracing: Policy;

  /** Grants the least this function needs on a table and tells it the table's name. */
  bindTable(table: ITable, envName: string, access: 'read' | 'write' | 'append'): this {
    this.addEnvironment(envName, table.tableName);
    if (access === 'read') table.grantReadData(this);
    else if (access === 'write') table.grantReadWriteData(this);
    else {
      // Append-only (the audit trail): new items, never a read, an update or a delete.
      table.grant(this, 'dynamodb:PutItem');
      table.encryptionKey?.grantEncryptDecrypt(this);
    }
    return this;
  }

  /** Lets the function read one secret through the extension and tells it the secret's ARN. */
  bindSecret(secret: ISecret, envName: string): this {
    if (!this.readsSecrets)
      throw new Error(`${this.node.id} must be created with readsSecrets to read a secret`);
    this.addEnvironment(envName, secret.secretArn);
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
    return this;
  }

  bindTopicPublish(topic: ITopic, envName: string): this {
    this.addEnvironment(envName, topic.topicArn);
    topic.grantPublish(this);
    return this;
  }
}
