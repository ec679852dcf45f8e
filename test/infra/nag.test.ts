import { App, Aspects, type Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../../infra/app';
import { HandlerFunction } from '../../infra/constructs/handler-function';
import type { CrisisToolStage } from '../../infra/stage';
import { actionsOf, asList, type Json, statementsOf } from './synth';

/** The pipeline app as `cdk synth -c pipeline=true` builds it (bundling off), checked by cdk-nag before synthesis. */
const app = new App({ context: { pipeline: 'true', 'aws:cdk:bundling-stacks': [] } });
const { pipeline } = buildApp(app);
if (!pipeline) throw new Error('the pipeline context builds the pipeline stack');
const stages = [pipeline.dev, pipeline.prod];
// Aspects stop at stage boundaries: each stage gets its own.
for (const scope of [pipeline, ...stages]) Aspects.of(scope).add(new AwsSolutionsChecks());

const stacksOf = (stage: CrisisToolStage): Stack[] => [
  stage.data,
  stage.messaging,
  stage.workflow,
  stage.api,
  stage.observability,
];
const NAG = Match.stringLikeRegexp('^AwsSolutions-');
const findingsIn = (stack: Stack): string[] => {
  const annotations = Annotations.fromStack(stack);
  return [...annotations.findError('*', NAG), ...annotations.findWarning('*', NAG)].map(
    (finding) => `${finding.id} ${String(finding.entry.data).split(':')[0]}`,
  );
};

describe('cdk-nag AwsSolutions checks', () => {
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
