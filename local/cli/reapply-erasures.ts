import { composePorts } from '../../shared/compose-ports';
import { logger } from '../../shared/observability/logger';
import { reapplyErasures } from '../../shared/services/reapply-erasures';
import { allRepositoryPorts } from '../../shared/store/repository-ports';
import { fixedPorts } from '../runtime/fixed-ports';
import { InMemoryMetrics } from '../runtime/in-memory-metrics';
import { flags, readCommandLine, refuseFlag } from './command-line';

/**
 * `npm run reapply-erasures`: after a point-in-time restore, makes the restored tables forget again whom the erasure
 * ledger says was erased or purged. Runs from an ops machine: against DynamoDB Local (--endpoint) or, without it,
 * AWS with the credentials and region of the environment. Prints counts only.
 */
const REAPPLY = {
  run: 'ERASURE_LEDGER_SALT=<salt> npm run reapply-erasures',
  summary:
    'After a point-in-time restore: erases again whom the erasure ledger says was erased, purges again what was purged.',
  flags: {
    'table-prefix': flags.text('the tables are PREFIX + Registry, Operations, AdHoc, Audit, ErasureLedger', {
      value: 'PREFIX',
    }),
    registry: flags.text('the restored Registry table', { value: 'TABLE' }),
    operations: flags.text('the restored Operations table', { value: 'TABLE' }),
    adhoc: flags.text('the restored AdHoc table', { value: 'TABLE' }),
    audit: flags.text('the Audit table that takes the new audit entries', { value: 'TABLE' }),
    ledger: flags.text('the erasure ledger, never restored (default: PREFIX + ErasureLedger)', {
      value: 'TABLE',
    }),
    endpoint: flags.text(
      'DynamoDB Local; without it, AWS (AWS_REGION and credentials from the environment)',
      {
        value: 'URL',
      },
    ),
  },
  notes: ["ERASURE_LEDGER_SALT  the ledger's salt (in AWS the stage's ErasureLedgerSalt secret)"],
};
const values = readCommandLine(REAPPLY);
const prefix = values['table-prefix'];
const table = (flag: 'registry' | 'operations' | 'adhoc' | 'audit' | 'ledger', name: string): string =>
  values[flag] ??
  (prefix === undefined
    ? refuseFlag(REAPPLY, `--${flag}`, 'required without --table-prefix')
    : `${prefix}${name}`);
const tables = {
  REGISTRY_TABLE: table('registry', 'Registry'),
  OPERATIONS_TABLE: table('operations', 'Operations'),
  ADHOC_TABLE: table('adhoc', 'AdHoc'),
  AUDIT_TABLE: table('audit', 'Audit'),
  ERASURE_LEDGER_TABLE: table('ledger', 'ErasureLedger'),
};
if (!process.env.ERASURE_LEDGER_SALT) refuseFlag(REAPPLY, 'ERASURE_LEDGER_SALT', 'not set');
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

const counts = await reapplyErasures(
  composePorts({
    ...allRepositoryPorts(),
    ...fixedPorts({
      // A table restore brings no Cognito account back: the erasure deleted the account, and it stays deleted.
      accounts: { deleteMemberAccount: async () => {} },
      metrics: new InMemoryMetrics(),
    }),
  }),
);
console.log(`ledger: ${counts.ledgerErasures} erased members, ${counts.ledgerPurges} purged requests`);
console.log(`erased again: ${counts.membersErasedAgain} members`);
console.log(
  `purged again: ${counts.requestsPurgedAgain} requests, ${counts.registrationsDeletedAgain} spontaneous registrations`,
);
