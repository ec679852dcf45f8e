import { Stack, type StackProps } from 'aws-cdk-lib';
import { BuildSpec, ComputeType, LinuxBuildImage } from 'aws-cdk-lib/aws-codebuild';
import { PipelineType } from 'aws-cdk-lib/aws-codepipeline';
import {
  CodeBuildStep,
  CodePipeline,
  CodePipelineSource,
  ManualApprovalStep,
  ShellStep,
} from 'aws-cdk-lib/pipelines';
import { NagSuppressions } from 'cdk-nag';
import type { Construct } from 'constructs';
import { type DeployedStage, type DeploymentConfig, stageConfigOf } from '../config';
import { CrisisToolStage } from '../stage';

/**
 * What the synth step runs: the same checks as a developer's `npm run check`, the web pages' build (the Web stack
 * deploys `web/dist`), then the synth of this very pipeline (it updates itself before deploying anything).
 */
export const SYNTH_COMMANDS = [
  'npm ci',
  'npm run lint',
  'npm run typecheck',
  'npm test',
  'npm run build:web',
  'npx cdk synth --quiet -c pipeline=true',
];

/**
 * After a stage deploys: the API answers its health check, and the web pages and their config.json are served
 * (config.json naming the API the stage just deployed).
 */
export const SMOKE_COMMANDS = [
  'curl -fsS --retry 5 --retry-all-errors "$API_URL/health"',
  'curl -fsS --retry 5 --retry-all-errors -o /dev/null "$WEB_URL/"',
  'curl -fsS --retry 5 --retry-all-errors "$WEB_URL/config.json" | grep -F "$API_URL"',
];

export interface PipelineStackProps extends StackProps {
  deployment: DeploymentConfig;
}

/** Source → checks, web build and synth → Dev (smoke test) → manual approval → Prod (smoke test). */
export class PipelineStack extends Stack {
  readonly pipeline: CodePipeline;
  readonly dev: CrisisToolStage;
  readonly prod: CrisisToolStage;

  constructor(scope: Construct, id: string, { deployment, ...props }: PipelineStackProps) {
    const { pipeline: settings } = deployment;
    super(scope, id, { ...props, env: { account: settings.account, region: settings.region } });

    this.pipeline = new CodePipeline(this, 'Pipeline', {
      pipelineName: 'crisis-volunteer-corps',
      pipelineType: PipelineType.V2,
      // Dev and prod live in their own accounts: the artifacts need a key those accounts may use.
      crossAccountKeys: true,
      enableKeyRotation: true,
      // One asset project rather than one per Lambda bundle (about forty).
      publishAssetsInParallel: false,
      synth: new CodeBuildStep('Synth', {
        input: CodePipelineSource.connection(settings.repository, settings.branch, {
          connectionArn: settings.connectionArn,
        }),
        buildEnvironment: { buildImage: LinuxBuildImage.STANDARD_7_0, computeType: ComputeType.MEDIUM },
        // The integration, workflow and e2e tests run against DynamoDB Local, a Java program; Node 24 itself
        // comes from the `node` devDependency.
        partialBuildSpec: BuildSpec.fromObject({
          phases: { install: { 'runtime-versions': { nodejs: '22', java: 'corretto21' } } },
        }),
        commands: SYNTH_COMMANDS,
        primaryOutputDirectory: 'cdk.out',
      }),
    });

    this.dev = this.addDeployedStage(deployment, 'dev');
    this.prod = this.addDeployedStage(deployment, 'prod', [
      new ManualApprovalStep('PromoteToProd', {
        comment: 'Dev passed its smoke test: deploy this change to prod?',
      }),
    ]);
    // Built now rather than at synth, so the generated roles and bucket exist to carry their nag suppressions.
    this.pipeline.buildPipeline();
    this.acceptNagFindings();
  }

  private acceptNagFindings(): void {
    NagSuppressions.addResourceSuppressions(
      this.pipeline,
      [
        {
          id: 'AwsSolutions-IAM5',
          reason:
            "CDK Pipelines' generated roles: objects of the artifacts bucket, the build projects' own logs and reports, and the bootstrap roles (cdk-hnb659fds-*) of the stage accounts",
        },
      ],
      true,
    );
    NagSuppressions.addResourceSuppressions(this.pipeline.pipeline.artifactBucket, [
      {
        id: 'AwsSolutions-S1',
        reason:
          'Holds build artifacts only (no personal data), KMS-encrypted and SSL-only; CloudTrail records its use',
      },
    ]);
  }

  private addDeployedStage(
    deployment: DeploymentConfig,
    name: DeployedStage,
    pre: ManualApprovalStep[] = [],
  ) {
    const config = stageConfigOf(deployment, name);
    const stage = new CrisisToolStage(this, config.stageName, config);
    this.pipeline.addStage(stage, {
      pre,
      post: [
        new ShellStep('SmokeTest', {
          envFromCfnOutputs: { API_URL: stage.api.url, WEB_URL: stage.web.url },
          commands: SMOKE_COMMANDS,
        }),
      ],
    });
    return stage;
  }
}
