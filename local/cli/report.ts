import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Identity } from '../../shared/domain/identity';
import { annualReportPathSchema } from '../../shared/schemas/annual-report';
import type { LocalDynamo } from '../runtime/dynamodb';
import { flags, readCommandLine, refuseFlag } from './command-line';

/**
 * `npm run report -- --year 2025`: the yearly report as report-<year>.json, .csv and .svg. It reads the tables
 * `npm start --data-dir DIR` kept (stop that first: one DynamoDB Local per data directory), or a DynamoDB Local already
 * running at --endpoint; without either it starts an empty one in memory, worth it with --seed-demo only.
 */
const REPORT = {
  run: 'npm run report',
  summary: 'The yearly report of a calendar year as report-<year>.json, .csv and .svg.',
  flags: {
    year: flags.required('the calendar year to report', {
      value: 'YEAR',
      schema: annualReportPathSchema.shape.year,
    }),
    out: flags.text('the directory the files are written to', { value: 'DIR', default: 'reports' }),
    'data-dir': flags.text('read the tables `npm start -- --data-dir DIR` kept (stop it first)', {
      value: 'DIR',
    }),
    endpoint: flags.text('read a DynamoDB Local already running there', { value: 'URL' }),
    'table-prefix': flags.text("the tables' name prefix at --endpoint", { value: 'PREFIX', default: '' }),
    'seed-demo': flags.boolean('seed a demo year through the services in a fresh in-memory store first'),
  },
};
const values = readCommandLine(REPORT);
if (values['data-dir'] && values.endpoint)
  refuseFlag(REPORT, '--endpoint', 'not with --data-dir: one store at a time');
// Kept data is never mixed with demo data.
if (values['seed-demo'] && (values['data-dir'] || values.endpoint))
  refuseFlag(REPORT, '--seed-demo', 'only seeds a fresh in-memory store, not with --data-dir or --endpoint');
const { year } = values;
// Loaded once the flags are read, so a refused flag is answered before the services and the AWS SDK are loaded.
const [
  { composePorts },
  { allRepositoryPorts },
  { annualReportCsv },
  { belgianDate },
  { annualReportSvg },
  { logger },
  { annualReport },
  { createTables, startDynamoDbLocal, tableEnvironment },
  { localLedgerSalt },
  { synthesizeSystem },
  { seedDemoYear },
] = await Promise.all([
  import('../../shared/compose-ports'),
  import('../../shared/store/repository-ports'),
  import('../../shared/domain/annual-report'),
  import('../../shared/domain/dates'),
  import('../../shared/domain/report-chart'),
  import('../../shared/observability/logger'),
  import('../../shared/services/annual-report'),
  import('../runtime/dynamodb'),
  import('../runtime/ledger-salt'),
  import('../runtime/synth'),
  import('../scenarios/report-demo'),
]);
// Progress lines tell the story; the services' own log lines would drown them.
logger.setLogLevel('WARN');
const started = Date.now();
const progress = (line: string) => console.log(`[${((Date.now() - started) / 1000).toFixed(1)}s] ${line}`);

let dynamo: LocalDynamo | undefined;
try {
  if (!values.endpoint) {
    progress(
      values['data-dir']
        ? `starting DynamoDB Local on ${values['data-dir']}`
        : 'starting DynamoDB Local in memory',
    );
    dynamo = await startDynamoDbLocal(
      values['data-dir'] ? { dataDir: path.join(values['data-dir'], 'dynamodb') } : {},
    );
  }
  const endpoint = values.endpoint ?? (dynamo as LocalDynamo).endpoint;
  const tables = await createTables(endpoint, synthesizeSystem().tables, values['table-prefix']);
  Object.assign(process.env, {
    AWS_REGION: process.env.AWS_REGION ?? 'eu-west-1',
    AWS_ACCESS_KEY_ID: process.env.AWS_ACCESS_KEY_ID ?? 'local',
    AWS_SECRET_ACCESS_KEY: process.env.AWS_SECRET_ACCESS_KEY ?? 'local',
    AWS_ENDPOINT_URL_DYNAMODB: endpoint,
    ...tableEnvironment(tables),
    ERASURE_LEDGER_SALT: localLedgerSalt(values['data-dir']),
  });
  if (values['seed-demo']) {
    progress(`seeding the demo year ${year} through the services`);
    await seedDemoYear(year, progress);
  }
  const reader: Identity = { sub: 'report-cli', roles: ['crisis-centre'] };
  const ports = composePorts(allRepositoryPorts());
  progress(`building the report of ${year} (today is ${belgianDate(new Date())})`);
  const report = await annualReport(ports, reader, year, { progress });
  mkdirSync(values.out, { recursive: true });
  for (const [extension, content] of [
    ['json', `${JSON.stringify(report, null, 2)}\n`],
    ['csv', annualReportCsv(report)],
    ['svg', annualReportSvg(report)],
  ] as const) {
    const file = path.join(values.out, `report-${year}.${extension}`);
    writeFileSync(file, content);
    progress(`wrote ${file} (${Buffer.byteLength(content)} bytes)`);
  }
  const { corps, trainings, deployments } = report.flanders;
  progress(
    `Flanders ${year}: ${corps.members} members in ${report.municipalities.length} municipalities, ${trainings.basicFunded} funded basic courses, ${deployments.count} deployments, ${deployments.volunteerHours} volunteer-hours`,
  );
} finally {
  await dynamo?.stop();
}
