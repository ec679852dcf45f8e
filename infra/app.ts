import { App } from 'aws-cdk-lib';
import { stageConfigSchema } from './config';
import { CrisisToolStage } from './stage';

/**
 * `cdk synth` / `cdk deploy 'Dev/*'`. The account comes from CDK_DEFAULT_ACCOUNT when deploying; synth needs none.
 * The pipeline stack (dev → approval → prod) composes the same stage.
 */
export const buildApp = (app = new App()): { app: App; dev: CrisisToolStage } => {
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
