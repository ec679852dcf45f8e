import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { App } from 'aws-cdk-lib';
import { buildApp } from '../infra/app';

export interface FunctionColdCost {
  /** The function's construct id in its stack (the logical id without CDK's hash). */
  name: string;
  stack: string;
  /** The minified ESM bundle the function deploys (source map excluded; the AWS SDK comes with the runtime). */
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

/**
 * Synthesizes the Dev stage with bundling (as `cdk synth` does), then for every Lambda function of it: the bundle's
 * size and the init time of importing it in a fresh Node process, median of `runs`.
 */
export const measureColdCost = (runs: number, progress: (line: string) => void): FunctionColdCost[] => {
  // Inside the project (cdk.out is ignored): bundles leave the AWS SDK to the Lambda runtime, and a bundle imported
  // here finds it in the project's node_modules instead.
  const cdkOut = fileURLToPath(new URL('../cdk.out/', import.meta.url));
  mkdirSync(cdkOut, { recursive: true });
  const outdir = mkdtempSync(path.join(cdkOut, 'bench-'));
  try {
    progress('synthesizing the Dev stage with bundling…');
    const assembly = buildApp(new App({ outdir })).dev.synth();
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
    const ours = functions.filter(({ bundle }) => {
      try {
        return statSync(bundle).isFile();
      } catch {
        // CDK's own functions (custom resource providers) ship as CommonJS: not ours to measure.
        return false;
      }
    });
    return ours.map(({ name, stack, bundle, env }, i) => {
      const initMsRuns = Array.from({ length: runs }, () => initMs(bundle, env));
      progress(`${i + 1}/${ours.length} ${name}: init median ${median(initMsRuns).toFixed(0)} ms`);
      return {
        name,
        stack,
        bundleBytes: statSync(bundle).size,
        gzipBytes: gzipSync(readFileSync(bundle)).length,
        initMsMedian: median(initMsRuns),
        initMsRuns,
      };
    });
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
};
