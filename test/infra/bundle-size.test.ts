import { build, type Metafile } from 'esbuild';
import { describe, expect, it } from 'vitest';
import {
  BUNDLING,
  bundlingOf,
  MAX_BUNDLE_BYTES,
  PROJECT_ROOT,
} from '../../infra/constructs/handler-function';
import { FUNCTIONS, type FunctionName } from '../../shared/manifest/functions';
import type { TableName } from '../../shared/manifest/needs';

/**
 * Every function's bundle as NodejsFunction makes it (esbuild with BUNDLING's settings), in one esbuild run, with
 * the AWS SDK left out: what the limit holds is our own code (the SDK's share is the bench's to measure).
 */
const bundles = async (): Promise<Record<FunctionName, Metafile['outputs'][string]>> => {
  const { metafile } = await build({
    absWorkingDir: PROJECT_ROOT,
    entryPoints: Object.fromEntries(Object.entries(FUNCTIONS).map(([name, spec]) => [name, spec.entry])),
    outdir: 'bundles',
    write: false,
    bundle: true,
    platform: 'node',
    format: 'esm',
    minify: BUNDLING.minify,
    target: BUNDLING.target,
    mainFields: BUNDLING.mainFields,
    external: ['@aws-sdk/*'],
    metafile: true,
    logLevel: 'silent',
  });
  return Object.fromEntries(
    Object.entries(metafile.outputs)
      .filter(([file]) => file.endsWith('.js'))
      .map(([file, output]) => [file.replace(/^bundles\/|\.js$/g, ''), output]),
  ) as Record<FunctionName, Metafile['outputs'][string]>;
};

const outputs = await bundles();
const NAMES = Object.keys(FUNCTIONS) as FunctionName[];
/** The files that put code into a function's bundle (esbuild also lists those it tree-shook away, with 0 bytes). */
const inputsOf = (name: FunctionName) =>
  Object.entries(outputs[name].inputs)
    .filter(([, { bytesInOutput }]) => bytesInOutput > 0)
    .map(([file]) => file);

/**
 * The functions still over 250 KB (README, Performance: Powertools idempotency, libphonenumber, the Operations
 * repositories), each with the KB it may not outgrow; one that gets under leaves.
 */
const OVER_BUDGET: Partial<Record<FunctionName, number>> = {
  // 333 on zod's classic API, 277 on zod/mini; 253 with the repositories its filing uses only, named one by one. What
  // is left: Powertools (logger, metrics, idempotency with jmespath: 76 KB), zod/mini (40), libphonenumber with the
  // rules of PHONE_COUNTRIES for witnesses' phones (54), five repositories (30).
  fileClaim: 253,
};

/** The table each repository of shared/store keeps its items in. */
const TABLE_OF_REPOSITORY: Record<string, TableName> = {
  municipality: 'registry',
  official: 'registry',
  volunteer: 'registry',
  training: 'registry',
  group: 'registry',
  'duty-roster': 'registry',
  'help-request': 'operations',
  alert: 'operations',
  'sms-ledger': 'operations',
  'sms-rate': 'operations',
  claim: 'operations',
  deployment: 'operations',
  activation: 'operations',
  'annual-counter': 'operations',
  'ad-hoc': 'adHoc',
  'erasure-ledger': 'erasureLedger',
};

describe("the functions' bundles", () => {
  it.each(NAMES.filter((name) => !OVER_BUDGET[name]))('%s carries at most 250 KB of our code', (name) => {
    expect(outputs[name].bytes).toBeLessThanOrEqual(MAX_BUNDLE_BYTES);
  });

  it.each(NAMES.filter((name) => OVER_BUDGET[name]))(
    '%s, still over 250 KB of our code, carries no more than before',
    (name) => {
      expect(outputs[name].bytes).toBeGreaterThan(MAX_BUNDLE_BYTES);
      expect(outputs[name].bytes).toBeLessThanOrEqual((OVER_BUDGET[name] as number) * 1024);
    },
  );

  it.each(NAMES)('%s bundles the repositories of the tables it is granted, no other', (name) => {
    const granted = new Set(FUNCTIONS[name].needs.flatMap((need) => ('table' in need ? [need.table] : [])));
    // A repository module's exported helpers and constants may come along (a few hundred bytes), its class not.
    const bundled = Object.entries(outputs[name].inputs)
      .filter(([, { bytesInOutput }]) => bytesInOutput > 1024)
      .map(([file]) => file.match(/^shared\/store\/([a-z-]+)-repository\.ts$/)?.[1])
      .filter((repository) => repository !== undefined);

    expect(
      bundled.filter((repository) => !granted.has(TABLE_OF_REPOSITORY[repository] as TableName)),
    ).toEqual([]);
  });

  it('GET /openapi.json serves the document built by `npm run openapi`: no generator, no schema in its bundle', () => {
    const health = new Set(inputsOf('health'));

    expect(inputsOf('openapi').filter((file) => !health.has(file))).toEqual([
      'docs/openapi.json',
      'functions/api/openapi/get.ts',
    ]);
  });

  it("carries the phone rules of PHONE_COUNTRIES only, never libphonenumber's whole-world metadata", () => {
    const withPhones = NAMES.filter((name) =>
      inputsOf(name).some((file) => file.includes('libphonenumber-js')),
    );

    expect(withPhones).toContain('registerVolunteer');
    for (const name of withPhones) {
      expect(inputsOf(name), name).toContain('shared/schemas/phone-metadata.json');
      expect(
        inputsOf(name).filter((file) => /libphonenumber-js\/metadata/.test(file)),
        name,
      ).toEqual([]);
    }
  });
});

describe('where the AWS SDK comes from', () => {
  it('is bundled into every function but the token trigger, which loads its client for machine clients only', () => {
    const leftToRuntime = NAMES.filter(
      (name) => bundlingOf(FUNCTIONS[name], undefined).bundleAwsSDK !== true,
    );

    expect(leftToRuntime).toEqual(['preTokenGeneration']);
  });

  it('is left to the runtime in every function under the CDK context awsSdk=runtime', () => {
    expect(NAMES.filter((name) => bundlingOf(FUNCTIONS[name], 'runtime').bundleAwsSDK !== false)).toEqual([]);
  });
});
