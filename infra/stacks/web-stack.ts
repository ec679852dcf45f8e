import { existsSync } from 'node:fs';
import path from 'node:path';
import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import { BucketDeployment, Source } from 'aws-cdk-lib/aws-s3-deployment';
import type { Construct } from 'constructs';
import { type WebConfig, webConfigSchema } from '../../shared/web/web-config';
import { PROJECT_ROOT } from '../constructs/handler-function';
import { PAGE_FILES, type WebHosting } from '../constructs/web-hosting';

/** What `npm run build:web` writes. */
export const WEB_DIST = path.join(PROJECT_ROOT, 'web', 'dist');

export interface WebStackProps extends StackProps {
  /** The bucket and distribution, in the Api stack (their address is the console's origin there). */
  hosting: WebHosting;
  /** What the pages' `/config.json` says: where the API is and how people sign in. */
  config: WebConfig;
}

/**
 * CDK's unresolved values (`${Token[…]}`) as a plain word: what is known at synth is checked, the rest at deploy. A
 * value that is nothing but one (the WAF's integration URL, read when deploying) stands in as a URL.
 */
const withTokensAsWords = (value: unknown): unknown =>
  JSON.parse(
    JSON.stringify(value)
      .replace(/"\$\{Token\[[^\]]+\]\}"/g, '"https://unresolved.invalid"')
      .replace(/\$\{Token\[[^\]]+\]\}/g, 'token'),
  );

/**
 * The pages' settings, checked against the contract the pages read at start (shared/web/web-config.ts) as far as
 * the synth knows them: a missing field or a value that cannot be a URL stops the synth.
 */
export const checkedWebConfig = (config: WebConfig): WebConfig => {
  const result = webConfigSchema.safeParse(withTokensAsWords(config));
  if (!result.success) throw new Error(`config.json does not fit webConfigSchema: ${result.error.message}`);
  return config;
};

/**
 * The web pages' content, deployed after the API: the built pages (`web/dist`) and a `config.json` naming the API
 * and the user pool, then an invalidation of the pages and `config.json` so viewers get the new version at once.
 * Old hashed assets stay in the bucket (no prune): a console opened before the deploy still loads its own.
 */
export class WebStack extends Stack {
  readonly deployment: BucketDeployment;
  /** The pages' address: the pipeline's smoke test fetches `/` and `/config.json` there. */
  readonly url: CfnOutput;

  constructor(scope: Construct, id: string, props: WebStackProps) {
    super(scope, id, props);
    const { bucket, distribution } = props.hosting;
    this.deployment = new BucketDeployment(this, 'Pages', {
      sources: [this.builtPages(), Source.jsonData('config.json', checkedWebConfig(props.config))],
      destinationBucket: bucket,
      distribution,
      distributionPaths: PAGE_FILES,
      prune: false,
      memoryLimit: 512,
    });
    this.url = new CfnOutput(this, 'WebUrl', { value: props.hosting.origin });
  }

  /**
   * `web/dist`, which a deployable synth needs. A synth that skips bundling (tests, the local runtime reading the
   * tables, `npm run demo`) deploys nothing, as its functions are not bundled either: without a build it gets a
   * stand-in page.
   */
  private builtPages() {
    if (existsSync(path.join(WEB_DIST, 'index.html'))) return Source.asset(WEB_DIST);
    if (this.bundlingRequired)
      throw new Error(`${WEB_DIST} has no built pages: run \`npm run build:web\` first`);
    return Source.data('index.html', '<!doctype html><title>pages not built</title>');
  }
}
