import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../../infra/app';
import { loadDeploymentConfig } from '../../infra/config';
import { SYNTH_COMMANDS } from '../../infra/stacks/pipeline-stack';
import { asList, type Json } from './synth';

const deployment = loadDeploymentConfig();
const { pipeline, dev } = buildApp(new App({ context: { pipeline: 'true', 'aws:cdk:bundling-stacks': [] } }));
if (!pipeline) throw new Error('the pipeline context builds the pipeline stack');
const template = Template.fromStack(pipeline);

const pipelineStages = (): Json[] => {
  const pipelines = Object.values(template.findResources('AWS::CodePipeline::Pipeline'));
  expect(pipelines).toHaveLength(1);
  return (pipelines[0] as Json).Properties.Stages;
};
const stageNamed = (name: string): Json => {
  const stage = pipelineStages().find((s) => s.Name === name);
  if (!stage) throw new Error(`no pipeline stage ${name}`);
  return stage;
};
/** The actions of a pipeline stage in the order they run. */
const actionsOf = (name: string): Json[] =>
  [...stageNamed(name).Actions].sort((a: Json, b: Json) => a.RunOrder - b.RunOrder);
const buildSpecOf = (projectRef: Json): Json => {
  const project = template.findResources('AWS::CodeBuild::Project')[projectRef.Ref];
  if (!project) throw new Error(`no build project ${JSON.stringify(projectRef)}`);
  return {
    spec: JSON.parse(project.Properties.Source.BuildSpec),
    environment: project.Properties.Environment,
  };
};

describe('pipeline stack', () => {
  it('runs in the tooling account and region of the configuration', () => {
    expect({ account: pipeline.account, region: pipeline.region }).toEqual({
      account: deployment.pipeline.account,
      region: deployment.pipeline.region,
    });
  });

  it('goes source, synth, self-update, assets, then dev before prod', () => {
    expect(pipelineStages().map((s) => s.Name)).toEqual([
      'Source',
      'Build',
      'UpdatePipeline',
      'Assets',
      'Dev',
      'Prod',
    ]);
  });

  it('takes the source from the configured repository connection and branch', () => {
    const [source] = actionsOf('Source');
    expect(source.ActionTypeId).toMatchObject({ Category: 'Source', Provider: 'CodeStarSourceConnection' });
    expect(source.Configuration).toMatchObject({
      ConnectionArn: deployment.pipeline.connectionArn,
      FullRepositoryId: deployment.pipeline.repository,
      BranchName: deployment.pipeline.branch,
    });
  });

  it('installs, lints, typechecks, tests and builds the web pages before synthesizing the pipeline, with Java for DynamoDB Local', () => {
    const [synth] = actionsOf('Build');
    const { spec } = buildSpecOf(synth.Configuration.ProjectName);
    expect(spec.phases.build.commands).toEqual(SYNTH_COMMANDS);
    expect(SYNTH_COMMANDS).toEqual([
      'npm ci',
      'npm run lint',
      'npm run typecheck',
      'npm test',
      'npm run build:web',
      'npx cdk synth --quiet -c pipeline=true',
    ]);
    expect(spec.phases.install['runtime-versions'].java).toMatch(/^corretto/);
    expect(spec.artifacts['base-directory']).toBe('cdk.out');
  });

  it('holds prod behind a manual approval, before any of its stacks deploys', () => {
    const [first, ...rest] = actionsOf('Prod');
    expect(first.ActionTypeId).toMatchObject({ Category: 'Approval', Provider: 'Manual' });
    expect(rest.length).toBeGreaterThan(0);
    for (const action of rest) expect(action.RunOrder).toBeGreaterThan(first.RunOrder);
    expect(actionsOf('Dev').some((a) => a.ActionTypeId.Category === 'Approval')).toBe(false);
  });

  it.each(['Dev', 'Prod'])(
    'smoke-tests %s by its API and web URL outputs after every stack has deployed: health, the pages and their config.json',
    (name) => {
      const actions = actionsOf(name);
      const smoke = actions.at(-1);
      expect(smoke.Name).toBe('SmokeTest');
      for (const action of actions.slice(0, -1)) expect(action.RunOrder).toBeLessThan(smoke.RunOrder);
      const variables = JSON.parse(smoke.Configuration.EnvironmentVariables);
      expect(variables).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ name: 'API_URL', value: expect.stringMatching(/^#\{.*\.ApiUrl\}$/) }),
          expect.objectContaining({ name: 'WEB_URL', value: expect.stringMatching(/^#\{.*\.WebUrl\}$/) }),
        ]),
      );
      const { spec } = buildSpecOf(smoke.Configuration.ProjectName);
      const commands = spec.phases.build.commands.join('\n');
      expect(commands).toMatch(/curl -fsS .*"\$API_URL\/health"/);
      expect(commands).toMatch(/curl -fsS .*"\$WEB_URL\/"/);
      expect(commands).toMatch(/curl -fsS .*"\$WEB_URL\/config\.json" \| grep -F "\$API_URL"/);
    },
  );

  it.each([
    ['Dev', 'dev'],
    ['Prod', 'prod'],
  ] as const)('deploys every stack of %s to its configured account and region', (name, key) => {
    const deploys = actionsOf(name).filter((a) => a.ActionTypeId.Provider === 'CloudFormation');
    expect(new Set(deploys.map((a) => a.Configuration.StackName))).toEqual(
      new Set(
        ['Data', 'Messaging', 'Workflow', 'Api', 'Web', 'Observability'].map((stack) => `${name}-${stack}`),
      ),
    );
    const { account, region } = deployment.stages[key];
    for (const action of deploys.filter((a) => a.Configuration.RoleArn)) {
      expect(JSON.stringify(action.Configuration.RoleArn)).toContain(`cfn-exec-role-${account}-${region}`);
    }
  });

  it("gives the stages their own settings: prod's tables protected, dev's not", () => {
    expect(dev).toBe(pipeline.dev);
    const protectedTables = (stage: typeof dev) =>
      Object.values(Template.fromStack(stage.data).findResources('AWS::DynamoDB::Table')).filter(
        (table: Json) => table.Properties.DeletionProtectionEnabled === true,
      ).length;
    expect(protectedTables(pipeline.dev)).toBe(0);
    expect(protectedTables(pipeline.prod)).toBeGreaterThan(0);
  });

  it("passes each stage's SMS numbers and API throttle from the configuration", () => {
    const prodMessaging = Template.fromStack(pipeline.prod.messaging);
    expect(Object.keys(prodMessaging.findResources('AWS::SMSVOICE::PhoneNumber'))).toHaveLength(
      deployment.stages.prod.sms.longCodes,
    );
    const dispatcher = prodMessaging.findResources('AWS::Lambda::Function', {
      Properties: {
        Environment: {
          Variables: {
            SMS_PARTS_PER_SECOND: String(deployment.stages.prod.sms.partsPerSecondPerNumber),
            SMS_MAX_PRICE_USD: deployment.stages.prod.sms.maxPricePerMessageUsd.toFixed(2),
          },
        },
      },
    });
    expect(Object.keys(dispatcher)).toHaveLength(1);
    const [apiStage] = Object.values(
      Template.fromStack(pipeline.prod.api).findResources('AWS::ApiGateway::Stage'),
    ) as Json[];
    expect(asList<Json>(apiStage.Properties.MethodSettings)).toContainEqual(
      expect.objectContaining({
        ResourcePath: '/*',
        ThrottlingRateLimit: deployment.stages.prod.apiThrottle.rateLimit,
        ThrottlingBurstLimit: deployment.stages.prod.apiThrottle.burstLimit,
      }),
    );
  });
});
