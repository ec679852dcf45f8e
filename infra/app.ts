import { App } from 'aws-cdk-lib';
import { type DeploymentOverrides, loadDeploymentConfig, stageConfigSchema } from './config';
import { PipelineStack } from './stacks/pipeline-stack';
import { CrisisToolStage } from './stage';

const OVERRIDES: (keyof DeploymentOverrides)[] = [
  'pipelineAccount',
  'devAccount',
  'prodAccount',
  'connectionArn',
  'repository',
  'branch',
];

/**
 * `cdk synth` / `cdk deploy 'Dev/*'`: a developer's own Dev stage, in the account of CDK_DEFAULT_ACCOUNT (synth
 * needs none). `cdk synth -c pipeline=true`: the pipeline stack instead, with its Dev and Prod stages configured by
 * `infra/deployment.json` (accounts and source overridable by context, e.g. `-c prodAccount=123456789012`).
 */
export const buildApp = (app = new App()): { app: App; dev: CrisisToolStage; pipeline?: PipelineStack } => {
  if (String(app.node.tryGetContext('pipeline')) === 'true') {
    const overrides = Object.fromEntries(
      OVERRIDES.flatMap((key) => {
        const value: unknown = app.node.tryGetContext(key);
        return value === undefined ? [] : [[key, String(value)]];
      }),
    );
    const pipeline = new PipelineStack(app, 'Pipeline', { deployment: loadDeploymentConfig(overrides) });
    return { app, dev: pipeline.dev, pipeline };
  }
  const dev = new CrisisToolStage(
    app,
    'Dev',
    stageConfigSchema.parse({
      stageName: 'Dev',
      account: process.env.CDK_DEFAULT_ACCOUNT,
      region: 'eu-west-1',
    }),
  );
  return { app, dev };
};

if (import.meta.url === `file://${process.argv[1]}`) buildApp().app.synth();
