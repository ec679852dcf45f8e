import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { App } from 'aws-cdk-lib';
import { buildApp } from '../infra/app';
import { AWS_SDK_CONTEXT } from '../infra/constructs/handler-function';

/** Where a function's AWS SDK comes from: the Lambda runtime's copy (outside the bundle) or the bundle itself. */
export const AWS_SDK_VARIANTS = ['runtime', 'bundled'] as const;
export type AwsSdkVariant = (typeof AWS_SDK_VARIANTS)[number];

export interface FunctionColdCost {
  /** The function's construct id in its stack (the logical id without CDK's hash). */
  name: string;
  stack: string;
  awsSdk: AwsSdkVariant;
  /** The minified ESM bundle the function deploys (source map excluded; the AWS SDK in it when `awsSdk` is bundled). */
  bundleBytes: number;
  /** The same, gzipped: about what the deployment zip weighs. */
  gzipBytes: number;
  /** Median over the runs of the time a fresh Node process takes to import the bundle. */
  initMsMedian: number;
  initMsRuns: number[];
}

interface LambdaResource {
  Type: string;
  Properties: { Code?: { S3Key?: string }; Environment?: { Variables?: Record<string, unknown> } };
}

/**
 * The environment Lambda gives the function: the variables CDK set on it (references to tables and topics become
 * placeholders: nothing is called at import) and the runtime's region and credentials.
 */
const lambdaEnvironment = (variables: Record<string, unknown> = {}): Record<string, string> => ({
  AWS_REGION: 'eu-west-1',
  AWS_ACCESS_KEY_ID: 'bench',
  AWS_SECRET_ACCESS_KEY: 'bench',
  ...Object.fromEntries(
    Object.entries(variables).map(([name, value]) => [
      name,
      typeof value === 'string' ? value : `bench-${name}`,
    ]),
  ),
});

/** Imports the bundle in a fresh process and answers the milliseconds the import took, measured inside it. */
const initMs = (bundle: string, env: Record<string, string>): number => {
  const script = `const t = performance.now(); await import(${JSON.stringify(pathToFileURL(bundle).href)}); process.stdout.write(String(performance.now() - t));`;
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
    env: { PATH: process.env.PATH ?? '', ...env },
    encoding: 'utf8',
  });
  return Number(out);
};

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
};

interface Bundle {
  name: string;
  stack: string;
  bundle: string;
  env: Record<string, string>;
}

/** Synthesizes the Dev stage with bundling into `outdir`, as `cdk synth` does: the bundle of each of our functions. */
const bundlesOf = (outdir: string, awsSdk: AwsSdkVariant): Bundle[] => {
  const app = new App({ outdir, context: { [AWS_SDK_CONTEXT]: awsSdk } });
  const assembly = buildApp(app).dev.synth();
  const functions = assembly.stacks.flatMap((stack) =>
    Object.entries(stack.template.Resources as Record<string, LambdaResource>)
      .filter(([, r]) => r.Type === 'AWS::Lambda::Function' && r.Properties.Code?.S3Key)
      .map(([logicalId, r]) => ({
        name: logicalId.replace(/[0-9A-F]{8}$/, ''),
        stack: stack.stackName,
        // Stages share the app's asset folders: they sit in the app's outdir, not in the stage's assembly.
        bundle: path.join(outdir, `asset.${r.Properties.Code?.S3Key?.replace(/\.zip$/, '')}`, 'index.mjs'),
        env: lambdaEnvironment(r.Properties.Environment?.Variables),
      })),
  );
  return functions.filter(({ bundle }) => {
    try {
      return statSync(bundle).isFile();
    } catch {
      // CDK's own functions (custom resource providers) ship as CommonJS: not ours to measure.
      return false;
    }
  });
};

/**
 * Synthesizes the Dev stage with bundling once per AWS SDK variant, then for every Lambda function: the bundle's
 * size and the init time of importing it in a fresh Node process, median of `runs`. With both variants, each
 * function's runs alternate between them, so a change in the machine's load falls on both alike.
 */
export const measureColdCost = (
  runs: number,
  progress: (line: string) => void,
  variants: readonly AwsSdkVariant[] = ['bundled'],
): FunctionColdCost[] => {
  // Inside the project (cdk.out is ignored): a bundle that leaves the AWS SDK to the Lambda runtime finds it here in
  // the project's node_modules, unbundled, as it would find the runtime's copy in Lambda.
  const cdkOut = fileURLToPath(new URL('../cdk.out/', import.meta.url));
  mkdirSync(cdkOut, { recursive: true });
  const outdirs = variants.map(() => mkdtempSync(path.join(cdkOut, 'bench-')));
  try {
    const bundles = variants.map((awsSdk, v) => {
      progress(`synthesizing the Dev stage with bundling, AWS SDK ${awsSdk}…`);
      return bundlesOf(outdirs[v] as string, awsSdk);
    });
    const first = bundles[0] ?? [];
    return first.flatMap(({ name, stack }, i) => {
      const same = bundles.map((list) => list.find((b) => b.name === name && b.stack === stack) as Bundle);
      const initMsRuns = same.map((): number[] => []);
      for (let run = 0; run < runs; run++)
        for (const v of same.keys()) {
          const k = run % 2 ? same.length - 1 - v : v;
          initMsRuns[k]?.push(initMs((same[k] as Bundle).bundle, (same[k] as Bundle).env));
        }
      progress(
        `${i + 1}/${first.length} ${name}: init median ${variants.map((awsSdk, v) => `${median(initMsRuns[v] as number[]).toFixed(0)} ms (SDK ${awsSdk})`).join(', ')}`,
      );
      return variants.map((awsSdk, v) => ({
        name,
        stack,
        awsSdk,
        bundleBytes: statSync((same[v] as Bundle).bundle).size,
        gzipBytes: gzipSync(readFileSync((same[v] as Bundle).bundle)).length,
        initMsMedian: median(initMsRuns[v] as number[]),
        initMsRuns: initMsRuns[v] as number[],
      }));
    });
  } finally {
    for (const outdir of outdirs) rmSync(outdir, { recursive: true, force: true });
  }
};
