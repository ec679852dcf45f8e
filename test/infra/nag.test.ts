import { App, Aspects, Stack, Stage } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Queue } from 'aws-cdk-lib/aws-sqs';
import { ArtifactMetadataEntryType } from 'aws-cdk-lib/cloud-assembly-schema';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../../infra/app';
import {
  loadDeploymentConfig,
  parameterValuesOf,
  stageConfigOf,
  stageConfigSchema,
} from '../../infra/config';
import { HandlerFunction } from '../../infra/constructs/handler-function';
import { acceptFunctionFindings } from '../../infra/nag-suppressions';
import { CrisisToolStage } from '../../infra/stage';
import { FUNCTIONS } from '../../shared/manifest/functions';
import { actionsOf, asList, type Json, statementsOf } from './synth';

/** The pipeline app as `cdk synth -c pipeline=true` builds it (bundling off), checked by cdk-nag. */
const app = new App({ context: { pipeline: 'true', 'aws:cdk:bundling-stacks': [] } });
const { pipeline } = buildApp(app);
if (!pipeline) throw new Error('the pipeline context builds the pipeline stack');
// CDK Pipelines synthesizes a stage as it is added, before any aspect could visit it: the checks run on twins of
// the pipeline's stages, built from the same configuration.
const deployment = loadDeploymentConfig();
const stages = (['dev', 'prod'] as const).map((name) => {
  const config = stageConfigOf(deployment, name);
  return new CrisisToolStage(app, `Checked${config.stageName}`, config);
});
// The committed stages name no machine client yet: a twin of prod with two shows their stack is checked too.
stages.push(
  new CrisisToolStage(app, 'CheckedMachines', {
    ...stageConfigOf(deployment, 'prod'),
    machineClients: [
      { name: 'GentCrisis', municipality: '44021', access: 'write' },
      { name: 'LeuvenViewer', municipality: '24062', access: 'read' },
    ],
  }),
);
// A stack nothing suppresses, to show the checks do run.
const unchecked = new Stack(app, 'Unsuppressed');
new Queue(unchecked, 'PlainQueue');
// A function of ours granted one more action on every resource, with the findings every function is accepted.
const probe = new Stack(app, 'WildcardProbe');
const probeFunction = new HandlerFunction(probe, 'Probe', {
  spec: FUNCTIONS.health,
  resources: {},
  parameters: parameterValuesOf(stageConfigSchema.parse({ stageName: 'Probe' })),
});
probeFunction.addToRolePolicy(new PolicyStatement({ actions: ['s3:GetObject'], resources: ['*'] }));
acceptFunctionFindings(probeFunction);
// Aspects stop at stage boundaries: each stage gets its own.
for (const scope of [app, pipeline, ...stages]) Aspects.of(scope).add(new AwsSolutionsChecks());

const stacksOf = (stage: CrisisToolStage): Stack[] => [
  stage.data,
  stage.messaging,
  stage.workflow,
  stage.api,
  stage.web,
  ...(stage.machineClients ? [stage.machineClients] : []),
  stage.observability,
];
/** A scope and everything in it, except the stages nested in it (the pipeline's), which have stacks of their own. */
const ownConstructs = (scope: IConstruct): IConstruct[] => [
  scope,
  ...scope.node.children.filter((child) => !Stage.isStage(child)).flatMap(ownConstructs),
];

// One synthesis runs the checks; their findings stay on the constructs as error and warning metadata.
app.synth();
const findingsIn = (stack: Stack): string[] =>
  ownConstructs(stack).flatMap((construct) =>
    construct.node.metadata
      .filter(
        (entry) =>
          (entry.type === ArtifactMetadataEntryType.ERROR || entry.type === ArtifactMetadataEntryType.WARN) &&
          /^AwsSolutions-/.test(String(entry.data)),
      )
      .map((entry) => `${construct.node.path}: ${String(entry.data).split(':')[0]}`),
  );

describe('cdk-nag AwsSolutions checks', () => {
  it('report what nothing suppresses', () => {
    expect(findingsIn(unchecked)).toEqual(
      expect.arrayContaining([expect.stringMatching(/PlainQueue.*AwsSolutions-SQS3/)]),
    );
  });

  it('find nothing unsuppressed in the pipeline stack', () => {
    expect(findingsIn(pipeline)).toEqual([]);
  });

  it.each(stages.flatMap((stage) => stacksOf(stage).map((stack) => [stack.node.path, stack] as const)))(
    'find nothing unsuppressed in %s',
    (_path, stack) => {
      expect(findingsIn(stack)).toEqual([]);
    },
  );
});

describe('the wildcard resources the suppressions accept', () => {
  it("report a function's wildcard resource on any action but X-Ray's", () => {
    expect(findingsIn(probe)).toEqual([
      expect.stringMatching(/Probe\/ServiceRole\/DefaultPolicy.*AwsSolutions-IAM5/),
    ]);
  });

  const onEveryResource = (statement: Json) =>
    statement.Effect === 'Allow' && asList(statement.Resource).includes('*');

  it.each(stages.flatMap((stage) => stacksOf(stage)).map((stack) => [stack.node.path, stack] as const))(
    'are X-Ray only for every function of %s',
    (_path, stack) => {
      const template = Template.fromStack(stack);
      const functions = stack.node
        .findAll()
        .filter((c): c is HandlerFunction => c instanceof HandlerFunction);
      for (const fn of functions) {
        const actions = statementsOf(template, fn).filter(onEveryResource).flatMap(actionsOf);
        for (const action of actions) expect(action, fn.node.path).toMatch(/^xray:/);
      }
    },
  );
});
