import { parseArgs } from 'node:util';
import { ulid } from 'ulid';
import { noSmsTraces } from '../shared/messaging/sms-traces';
import { logger } from '../shared/observability/logger';
import { InMemoryMetrics } from '../shared/observability/metrics';
import { reapplyErasures } from '../shared/services/reapply-erasures';
import { repositories } from '../shared/store/repositories';

/**
 * `npm run reapply-erasures`: after a point-in-time restore, makes the restored tables forget again whom the erasure
 * ledger says was erased or purged. Runs from an ops machine: against DynamoDB Local (--endpoint) or, without it,
 * AWS with the credentials and region of the environment. Prints counts only.
 */
const USAGE = `usage: ERASURE_LEDGER_SALT=<salt> npm run reapply-erasures -- (--table-prefix P | --registry T --operations T --adhoc T --audit T) [--ledger T] [--endpoint URL]
  --table-prefix P   the tables are P + Registry, Operations, AdHoc, Audit, ErasureLedger (as the local runtime names them)
  --registry T       the restored Registry table (likewise --operations, --adhoc; --audit takes the new audit entries)
  --ledger T         the erasure ledger, never restored (default: P + ErasureLedger)
  --endpoint URL     DynamoDB Local; without it, AWS (AWS_REGION and credentials from the environment)
  --help             this text
  ERASURE_LEDGER_SALT  the ledger's salt (in AWS the stage's ErasureLedgerSalt secret)`;

const usage = (problem?: string): never => {
  if (problem) console.error(problem);
  console.error(USAGE);
  process.exit(2);
};

const { values } = (() => {
  try {
    return parseArgs({
      options: {
        'table-prefix': { type: 'string' },
        registry: { type: 'string' },
        operations: { type: 'string' },
        adhoc: { type: 'string' },
        audit: { type: 'string' },
        ledger: { type: 'string' },
        endpoint: { type: 'string' },
        help: { type: 'boolean', default: false },
      },
    });
  } catch (error) {
    return usage((error as Error).message);
  }
})();
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
const prefix = values['table-prefix'];
const table = (flag: 'registry' | 'operations' | 'adhoc' | 'audit' | 'ledger', name: string): string =>
  values[flag] ??
  (prefix === undefined ? usage(`--${flag} or --table-prefix is required`) : `${prefix}${name}`);
const tables = {
  REGISTRY_TABLE: table('registry', 'Registry'),
  OPERATIONS_TABLE: table('operations', 'Operations'),
  ADHOC_TABLE: table('adhoc', 'AdHoc'),
  AUDIT_TABLE: table('audit', 'Audit'),
  ERASURE_LEDGER_TABLE: table('ledger', 'ErasureLedger'),
};
if (!process.env.ERASURE_LEDGER_SALT) usage('ERASURE_LEDGER_SALT is not set');
Object.assign(process.env, {
  ...tables,
  ...(values.endpoint
    ? {
        AWS_ENDPOINT_URL_DYNAMODB: values.endpoint,
        AWS_REGION: process.env.AWS_REGION ?? 'eu-west-1',
        AWS_ACCESS_KEY_ID: process.env.AWS_ACCESS_KEY_ID ?? 'local',
        AWS_SECRET_ACCESS_KEY: process.env.AWS_SECRET_ACCESS_KEY ?? 'local',
      }
    : {}),
});
// The counts tell the story; the services' own log lines would drown them.
logger.setLogLevel('WARN');

const counts = await reapplyErasures({
  ...repositories(),
  smsTraces: noSmsTraces,
  metrics: new InMemoryMetrics(),
  clock: { now: () => new Date() },
  newId: () => ulid(),
});
console.log(`ledger: ${counts.ledgerErasures} erased members, ${counts.ledgerPurges} purged requests`);
console.log(`erased again: ${counts.membersErasedAgain} members`);
console.log(
  `purged again: ${counts.requestsPurgedAgain} requests, ${counts.registrationsDeletedAgain} spontaneous registrations`,
);
