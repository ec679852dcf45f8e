import * as z from 'zod';
import { once, parseEnv } from '../config';

const tableFromEnv = (name: string) => once(() => parseEnv({ [name]: z.string().min(1) })[name] as string);

/** Table names come from the environment (CDK binds them per function; the local runtime sets its own). */
export const tableNames = {
  registry: tableFromEnv('REGISTRY_TABLE'),
  operations: tableFromEnv('OPERATIONS_TABLE'),
  adHoc: tableFromEnv('ADHOC_TABLE'),
  audit: tableFromEnv('AUDIT_TABLE'),
  erasureLedger: tableFromEnv('ERASURE_LEDGER_TABLE'),
};
