import * as z from 'zod';
import { parseEnv } from './config';

/**
 * Reads the erasure ledger's salt once per container: ERASURE_LEDGER_SALT where the value itself is configured (the
 * local runtime, tests, the reapply command), else the Secrets Manager secret ERASURE_LEDGER_SALT_SECRET through the
 * AWS Parameters and Secrets Lambda extension (no SDK client to bundle). Never logged.
 */
export const saltReader = (env: NodeJS.ProcessEnv = process.env): (() => Promise<string>) => {
  let salt: Promise<string> | undefined;
  return () => {
    salt ??= readSalt(env).catch((error: unknown) => {
      // A failed read (the extension still starting) is tried again on the next call, not remembered.
      salt = undefined;
      throw error;
    });
    return salt;
  };
};

export const erasureLedgerSalt = saltReader();

const readSalt = async (env: NodeJS.ProcessEnv): Promise<string> => {
  const config = parseEnv(
    {
      ERASURE_LEDGER_SALT: z.string().min(1).optional(),
      ERASURE_LEDGER_SALT_SECRET: z.string().min(1).optional(),
      PARAMETERS_SECRETS_EXTENSION_HTTP_PORT: z.coerce.number().default(2773),
      AWS_SESSION_TOKEN: z.string().optional(),
    },
    env,
  );
  if (config.ERASURE_LEDGER_SALT) return config.ERASURE_LEDGER_SALT;
  if (!config.ERASURE_LEDGER_SALT_SECRET)
    throw new Error('invalid configuration: ERASURE_LEDGER_SALT_SECRET: Required');
  const response = await fetch(
    `http://localhost:${config.PARAMETERS_SECRETS_EXTENSION_HTTP_PORT}/secretsmanager/get?secretId=${encodeURIComponent(config.ERASURE_LEDGER_SALT_SECRET)}`,
    { headers: { 'X-Aws-Parameters-Secrets-Token': config.AWS_SESSION_TOKEN ?? '' } },
  );
  if (!response.ok) throw new Error(`the erasure ledger salt could not be read (HTTP ${response.status})`);
  const { SecretString } = (await response.json()) as { SecretString?: string };
  if (!SecretString) throw new Error('the erasure ledger salt secret is empty');
  return SecretString;
};
