import * as z from 'zod/mini';
import { oncePerEnvironment, readVariable } from '../config';
import { VARIABLES } from '../manifest/environment';
import type { TableName } from '../manifest/needs';

const tableFromEnv = (table: TableName) => {
  const name = VARIABLES.tables[table];
  return oncePerEnvironment((env) => readVariable(name, z.string().check(z.minLength(1)), env));
};

/** Table names come from the function's environment: it is told only the tables its manifest entry grants. */
export const tableNames = {
  registry: tableFromEnv('registry'),
  operations: tableFromEnv('operations'),
  adHoc: tableFromEnv('adHoc'),
  audit: tableFromEnv('audit'),
  erasureLedger: tableFromEnv('erasureLedger'),
};
