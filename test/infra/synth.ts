import { App, CfnElement, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { IConstruct } from 'constructs';
import { expect } from 'vitest';
import { buildApp } from '../../infra/app';
import { stageConfigSchema } from '../../infra/config';
import { CrisisToolStage } from '../../infra/stage';

/**
 * One app per test file (vitest isolates modules per file): bundling is skipped for every stack, so synthesis
 * takes seconds and needs neither esbuild runs nor Docker.
 */
const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
export const { dev } = buildApp(app);

type StackName = 'data' | 'messaging' | 'workflow' | 'api' | 'web' | 'observability';

const templates = new Map<string, Template>();
const templateOf = (stage: CrisisToolStage, name: StackName): Template => {
  const key = `${stage.stageName}/${name}`;
  let template = templates.get(key);
  if (!template) {
    template = Template.fromStack(stage[name]);
    templates.set(key, template);
  }
  return template;
};

/** The synthesized template of one stack of the dev stage, synthesized once. */
export const devTemplate = (name: StackName): Template => templateOf(dev, name);

let prod: CrisisToolStage | undefined;
/** A production stage in the same app, built on first use only. */
export const prodStage = (): CrisisToolStage => {
  prod ??= new CrisisToolStage(app, 'Prod', stageConfigSchema.parse({ stageName: 'Prod', production: true }));
  return prod;
};
/** Another stage in the same app, from a configuration of the test's own. */
export const stageWith = (stageName: string, config: Record<string, unknown>): CrisisToolStage =>
  new CrisisToolStage(app, stageName, stageConfigSchema.parse({ stageName, ...config }));

export const prodTemplate = (name: StackName): Template => templateOf(prodStage(), name);

// biome-ignore lint/suspicious/noExplicitAny: CloudFormation fragments are untyped JSON.
export type Json = any;

/** The logical id of a construct's CloudFormation resource (an L2's default child, or an L1 itself), in its stack. */
export const logicalIdOf = (construct: IConstruct): string => {
  const resource = (CfnElement.isCfnElement(construct) ? construct : construct.node.defaultChild) as
    | CfnElement
    | undefined;
  if (!resource) throw new Error(`${construct.node.path} has no CloudFormation resource`);
  return Stack.of(construct).getLogicalId(resource);
};

/**
 * Whether a CloudFormation value refers to a resource: by Ref/GetAtt in its own stack, or by an import whose
 * export name embeds the resource's logical id (cross-stack references within the stage).
 */
export const mentions = (value: unknown, logicalId: string): boolean =>
  (JSON.stringify(value) ?? '').includes(logicalId);

export interface Statement {
  Effect: 'Allow' | 'Deny';
  Action?: string | string[];
  NotAction?: string | string[];
  Resource?: Json;
  NotResource?: Json;
}

/** A CloudFormation string as text: `${LogicalId}` for a Ref, `${LogicalId.Attr}` for a GetAtt. */
export const render = (value: Json): string => {
  if (typeof value === 'string') return value;
  if (value['Fn::Join']) return value['Fn::Join'][1].map(render).join(value['Fn::Join'][0]);
  if (value.Ref) return `\${${value.Ref}}`;
  if (value['Fn::GetAtt']) return `\${${value['Fn::GetAtt'].join('.')}}`;
  if (value['Fn::ImportValue']) return `\${import:${render(value['Fn::ImportValue'])}}`;
  throw new Error(`cannot render ${JSON.stringify(value)}`);
};

export const asList = <T>(value: T | T[] | undefined): T[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];

export const actionsOf = (statement: Statement): string[] => asList(statement.Action);

/** Every IAM statement attached to a function's execution role (its policies and inline policies). */
export const statementsOf = (template: Template, fn: IFunction): Statement[] => {
  if (!fn.role) throw new Error(`${fn.node.path} has no role`);
  const roleId = logicalIdOf(fn.role);
  const attached = Object.values(template.findResources('AWS::IAM::Policy'))
    .filter((policy: Json) => asList(policy.Properties.Roles).some((role: Json) => role?.Ref === roleId))
    .flatMap((policy: Json) => policy.Properties.PolicyDocument.Statement as Statement[]);
  const role = template.findResources('AWS::IAM::Role')[roleId];
  if (!role) throw new Error(`role ${roleId} is not in this template`);
  const inline = asList(role.Properties?.Policies).flatMap(
    (policy: Json) => policy.PolicyDocument.Statement as Statement[],
  );
  return [...attached, ...inline];
};

/** Allowed statements granting an action (or a wildcard covering it). */
export const allowing = (statements: Statement[], action: string): Statement[] => {
  const [service] = action.split(':');
  return statements.filter(
    (s) =>
      s.Effect === 'Allow' &&
      (s.NotAction !== undefined ||
        actionsOf(s).some((a) => a === action || a === '*' || a === `${service}:*`)),
  );
};

/**
 * CDK's own singleton functions (log retention, custom resource providers, bucket notifications): their runtime
 * and architecture are not ours to choose.
 */
const CDK_INTERNAL_FUNCTION =
  /^(LogRetention[0-9a-f]{32}|AWS[0-9a-f]{32}|BucketNotificationsHandler[0-9a-f]{32}|Custom.*CustomResourceProviderHandler|.*Providerframework)/;

/** The stack's own Lambda functions, by logical id. */
export const projectFunctions = (template: Template): [string, Json][] =>
  Object.entries(template.findResources('AWS::Lambda::Function')).filter(
    ([logicalId]) => !CDK_INTERNAL_FUNCTION.test(logicalId),
  );

/** Node 24 on Graviton with X-Ray, bundled by NodejsFunction: every function of ours looks like this. */
export const expectFunctionConventions = (template: Template, expectedCount: number): void => {
  const functions = projectFunctions(template);
  expect(functions).toHaveLength(expectedCount);
  for (const [logicalId, fn] of functions) {
    expect(
      {
        Runtime: fn.Properties.Runtime,
        Architectures: fn.Properties.Architectures,
        TracingConfig: fn.Properties.TracingConfig,
        Handler: fn.Properties.Handler,
      },
      logicalId,
    ).toEqual({
      Runtime: 'nodejs24.x',
      Architectures: ['arm64'],
      TracingConfig: { Mode: 'Active' },
      Handler: 'index.handler',
    });
  }
};
