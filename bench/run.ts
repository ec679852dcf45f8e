import { fork } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { flags, readCommandLine } from '../local/cli/command-line';

/**
 * `npm run bench`: measures on this machine and prints the figures; writes `bench/results/latest.json`. Never part
 * of `npm test`: figures are reported, not asserted. `npm run bench -- --help` lists the flags.
 */
/** The sections, in the order they run; SECTIONS below has exactly these keys. */
const SECTION_NAMES = [
  'first-alert',
  'mass-activation',
  'cold-cost',
  'registration-surge',
  'page-weight',
] as const;

const BENCH = {
  run: 'npm run bench',
  summary: 'Measures on this machine, prints a table per section and writes bench/results/latest.json.',
  flags: {
    only: flags.names('run these sections only', {
      value: 'SECTIONS',
      known: SECTION_NAMES,
    }),
    requests: flags.positiveInteger('first alert: the samples', { value: 'N', default: 50 }),
    runs: flags.positiveInteger('cold cost: the init-time repetitions per function', {
      value: 'N',
      default: 10,
    }),
    'aws-sdk': flags.names(
      'cold cost: where the AWS SDK comes from, runs alternating when both; bundled if left out',
      {
        value: 'VARIANTS',
        known: ['runtime', 'bundled'] as const,
      },
    ),
    volunteers: flags.positiveInteger('mass activation: the volunteers alerted', {
      value: 'N',
      default: 15_000,
    }),
    'pool-numbers': flags.positiveInteger('mass activation: the origination numbers', {
      value: 'N',
      default: 10,
    }),
    'parts-per-second': flags.positiveInteger('mass activation: SMS parts per second per number', {
      value: 'N',
      default: 10,
    }),
    prices: flags.text("the cost model's unit prices", {
      value: 'FILE',
      default: fileURLToPath(new URL('./prices.json', import.meta.url)),
    }),
    'surge-rates': flags.positiveIntegers('registration surge: the rates per second, one after the other', {
      value: 'RATES',
      default: [50, 200, 500, 1000],
    }),
    'surge-seconds': flags.positiveInteger('registration surge: the seconds per rate', {
      value: 'N',
      default: 20,
    }),
  },
};
const values = readCommandLine(BENCH);
const started = new Date();
const progress = (line: string) =>
  console.log(`[${((Date.now() - started.getTime()) / 1000).toFixed(1)}s] ${line}`);

/**
 * Each section measures, prints its figures and answers what goes into the results file. Each loads its modules
 * when it runs, so a refused flag is answered before the runtime and the AWS SDK are loaded.
 */
const SECTIONS: Record<(typeof SECTION_NAMES)[number], () => Promise<Record<string, unknown>>> = {
  'first-alert': async () => {
    const { measureFirstAlert } = await import('./first-alert');
    const firstAlert = await measureFirstAlert(values.requests, progress);
    console.log(
      `\nFirst alert (202 of POST /help-requests → first volunteer SMS handed to the gateway), corps of ${firstAlert.corps}, ${firstAlert.requests} requests: p50 ${firstAlert.p50Ms} ms, p95 ${firstAlert.p95Ms} ms, max ${firstAlert.maxMs} ms (target: p95 under 1 s)\n`,
    );
    return { firstAlert };
  },
  'mass-activation': async () => {
    const [{ measureMassActivation }, { pricesSchema }] = await Promise.all([
      import('./mass-activation'),
      import('./operations'),
    ]);
    const prices = pricesSchema.parse(JSON.parse(readFileSync(values.prices, 'utf8')));
    const mass = await measureMassActivation(
      {
        volunteers: values.volunteers,
        poolNumbers: values['pool-numbers'],
        partsPerSecondPerNumber: values['parts-per-second'],
        prices,
      },
      progress,
    );
    const { pool } = mass;
    console.log(
      `\nMass activation: ${mass.volunteers} volunteers in ${mass.municipalities} municipalities (seeded in ${mass.seedingSeconds.toFixed(0)} s); pool of ${pool.numbers} numbers × ${pool.partsPerSecondPerNumber} parts/s = ${pool.configuredPartsPerSecond} parts/s`,
    );
    console.table({
      [`a request for ${mass.waves.needed} in a corps of ${mass.waves.corps}, in waves (target: 10 SMS)`]: `${mass.waves.firstWave} SMS in the first wave, the last after ${mass.waves.firstWaveMs} ms`,
      'activation answered (target < 1 s)': `${mass.answerMs} ms (202)`,
      'activation mobilised (alerts on record, SMS queued)': `${mass.mobilisationMs} ms for ${mass.activated} alerts`,
      [`GET /help-requests/{id}, ${mass.bigRead.alerts} alerts, ${mass.bigRead.answers} answers (target p95 < 200 ms)`]: `p50 ${mass.bigRead.p50Ms} ms, p95 ${mass.bigRead.p95Ms} ms, max ${mass.bigRead.maxMs} ms (${mass.bigRead.reads} reads)`,
      'storage floor (same items, BatchWriteItem)': `${mass.storageFloorMs} ms`,
      'mobilisation ÷ floor, SMS going out': mass.mobilisationOverFloor.toFixed(2),
      'mobilisation with its SMS held ÷ floor (target ≤ 1.5)': `${mass.storageAloneMs} ms ÷ floor = ${mass.storageAloneOverFloor.toFixed(2)}`,
      'first / last alert after the activation': `${(mass.firstAlertMs / 1000).toFixed(1)} s / ${(mass.lastAlertMs / 1000).toFixed(1)} s`,
      'achieved ÷ configured rate (target ≥ 0.95)': `${mass.achievedPartsPerSecond.toFixed(1)} ÷ ${pool.configuredPartsPerSecond} = ${mass.achievedOverConfigured.toFixed(3)}`,
      '… once the activation has mobilised': mass.afterMobilisationOverConfigured.toFixed(3),
      'sends throttled by the gateway (backed off, sent later)': mass.throttledSends,
      'lost / duplicated alerts / dead letters': `${mass.lost} / ${mass.duplicated} / ${mass.deadLetters}`,
    });
    const usd = (value: number) => `$${value < 1 ? value.toFixed(4) : value.toFixed(2)}`;
    console.log(`Cost model (${prices.region}, prices of ${prices.asOf}; launch to purge, nobody answering)`);
    console.table(
      Object.fromEntries(
        Object.entries(mass.cost).map(([name, cost]) => [
          name,
          {
            ...Object.fromEntries(Object.entries(cost.operations).map(([k, v]) => [k, Number(v.toFixed(2))])),
            'platform USD': usd(cost.platformUsd),
            'SMS USD': usd(cost.smsUsd),
          },
        ]),
      ),
    );
    if (mass.lost || mass.duplicated)
      throw new Error(
        `${mass.lost} lost (SMS status on record: ${JSON.stringify(mass.lostStatuses)}) and ${mass.duplicated} duplicated alerts (both must be 0)`,
      );
    return { massActivation: mass, prices };
  },
  'cold-cost': async () => {
    const { runs } = values;
    const awsSdk = values['aws-sdk'] ?? ['bundled'];
    const { measureColdCost } = await import('./cold-cost');
    const coldCost = measureColdCost(runs, progress, awsSdk);
    const kb = (bytes: number) => (bytes / 1024).toFixed(0);
    console.log('\nLambda cold cost (bundle without source map; init = fresh Node process importing it)');
    console.table(
      coldCost.map((f) => ({
        function: f.name,
        'AWS SDK': f.awsSdk,
        'bundle KB': kb(f.bundleBytes),
        'gzip KB': kb(f.gzipBytes),
        'init ms (median)': f.initMsMedian.toFixed(0),
      })),
    );
    for (const variant of awsSdk) {
      const measured = coldCost.filter((f) => f.awsSdk === variant);
      const inits = measured.map((f) => f.initMsMedian).sort((x, y) => x - y);
      console.log(
        `AWS SDK ${variant}: ${measured.filter((f) => f.bundleBytes <= 250 * 1024).length} of ${measured.length} bundles ≤ 250 KB (largest ${kb(Math.max(...measured.map((f) => f.bundleBytes)))} KB); init ${inits[0]?.toFixed(0)}–${inits.at(-1)?.toFixed(0)} ms, median of all ${inits[Math.floor(inits.length / 2)]?.toFixed(0)} ms, ${inits.filter((ms) => ms < 150).length} under 150 ms (load average ${os.loadavg()[0]?.toFixed(1)})`,
      );
    }
    console.log('targets: every bundle ≤ 250 KB, init < 150 ms\n');
    return { runs, awsSdk, coldCost };
  },
  'registration-surge': async () => {
    const { measureRegistrationSurge } = await import('./registration-surge');
    const surge = await measureRegistrationSurge(values['surge-rates'], values['surge-seconds'], progress);
    console.log(
      '\nRegistration surge (POST /spontaneous/{code}/registrations, a new citizen each, loopback)',
    );
    console.table(
      surge.rates.map((r) => ({
        'rate /s': r.rate,
        SMS: r.sms,
        s: r.seconds,
        sent: r.sent,
        'achieved /s': r.achievedRate,
        'p50 ms': r.p50Ms,
        'p99 ms': r.p99Ms,
        'max ms': r.maxMs,
        errors: r.errors,
        'status codes': Object.entries(r.statusCodes)
          .map(([code, count]) => `${code}×${count}`)
          .join(' '),
      })),
    );
    const short = surge.rates.filter((r) => r.achievedRate < r.rate * 0.95).map((r) => `${r.rate}/s`);
    if (short.length) console.log(`achieved rate more than 5% below the target at ${short.join(', ')}`);
    const at200 = surge.rates.find((r) => r.rate === 200 && r.sms === 'held');
    if (at200)
      console.log(
        `at 200/s, SMS held: p99 ${at200.p99Ms} ms, ${at200.errors} errors (target: p99 under 100 ms, 0 errors)`,
      );
    console.log(
      `AWS throttles this route (API Gateway method rate/burst, WAF registrations per IP per 5 min): ${Object.entries(
        surge.throttle,
      )
        .map(
          ([stage, t]) =>
            `${stage} ${t.rateLimit}/s burst ${t.burstLimit}, WAF ${t.wafRegistrationsPerIpPer5Min}`,
        )
        .join('; ')}: above it AWS answers 429 (WAF: 403)\n`,
    );
    return { registrationSurge: surge };
  },
  'page-weight': async () => {
    const { measureBuiltPages } = await import('./page-weight');
    const pages = measureBuiltPages();
    const kb = (bytes: number) => (bytes / 1024).toFixed(1);
    console.log('\nPage weight (the built page and every file it loads at once; gzip -9)');
    console.table(
      pages.map((p) => ({
        page: p.page,
        files: p.files.length,
        KB: kb(p.bytes),
        'gzip KB': kb(p.gzipBytes),
      })),
    );
    console.log("Loaded later, on demand (each on top of its page's first load)");
    console.table(
      pages.flatMap((p) =>
        p.lazy.map((chunk) => ({
          page: p.page,
          chunk: chunk.chunk,
          files: chunk.files.length,
          KB: kb(chunk.bytes),
          'gzip KB': kb(chunk.gzipBytes),
        })),
      ),
    );
    const citizen = pages.find((p) => p.page === 'r.html')!;
    console.log(`citizen's page: ${kb(citizen.gzipBytes)} KB gzipped (target ≤ 60 KB)\n`);
    return { pageWeight: pages };
  },
};

const selected = SECTION_NAMES.filter((name) => !values.only || values.only.includes(name));

/**
 * Each section runs in a Node process of its own: a local runtime binds the process's DynamoDB client and table names
 * to its own DynamoDB Local, and one section's garbage and open handles must not weigh on the next one's figures.
 */
const sectionResult = process.env.BENCH_SECTION_RESULT;
if (sectionResult) {
  const [name] = selected as [(typeof SECTION_NAMES)[number]];
  writeFileSync(sectionResult, JSON.stringify(await SECTIONS[name]()));
  process.exit(0);
}

const results: Record<string, unknown> = {};
/** A section that fails (a lost or duplicated alert, a crash) fails the run after the others ran. */
let failed = false;
const scratch = mkdtempSync(path.join(os.tmpdir(), 'bench-'));
for (const name of selected) {
  const file = path.join(scratch, `${name}.json`);
  // Forked with this process's flags (tsx's loader among them) and arguments; the last --only wins.
  const child = fork(fileURLToPath(import.meta.url), [...process.argv.slice(2), '--only', name], {
    env: { ...process.env, BENCH_SECTION_RESULT: file },
  });
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code === 0) Object.assign(results, JSON.parse(readFileSync(file, 'utf8')));
  else {
    failed = true;
    console.error(`\n${name} failed (exit ${code})\n`);
  }
}
rmSync(scratch, { recursive: true, force: true });

const machine = {
  cpus: os.cpus().length,
  cpuModel: os.cpus()[0]?.model,
  memoryGiB: Math.round(os.totalmem() / 2 ** 30),
  node: process.version,
  platform: `${os.platform()} ${os.arch()}`,
};
mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
writeFileSync(
  new URL('./results/latest.json', import.meta.url),
  `${JSON.stringify({ measuredAt: started.toISOString(), machine, ...results }, null, 2)}\n`,
);
progress('wrote bench/results/latest.json');
if (failed) process.exit(1);
