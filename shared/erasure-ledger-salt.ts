import * as z from 'zod/mini';
import { functionEnvironment, oncePerEnvironment, parseEnv } from './config';
import { VARIABLES } from './manifest/environment';

/**
 * Reads the erasure ledger's salt once per container: ERASURE_LEDGER_SALT where the value itself is configured (the
 * local runtime, tests, the reapply command), else the Secrets Manager secret ERASURE_LEDGER_SALT_SECRET through the
 * AWS Parameters and Secrets Lambda extension (no SDK client to bundle). Never logged.
 */
export const saltReader = (env: NodeJS.ProcessEnv = functionEnvironment()): (() => Promise<string>) => {
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

const saltOfThisFunction = oncePerEnvironment(saltReader);

export const erasureLedgerSalt = (): Promise<string> => saltOfThisFunction()();

const readSalt = async (env: NodeJS.ProcessEnv): Promise<string> => {
  const config = parseEnv(
    {
      [VARIABLES.erasureLedgerSalt]: z.optional(z.string().check(z.minLength(1))),
      [VARIABLES.erasureLedgerSaltSecret]: z.optional(z.string().check(z.minLength(1))),
      PARAMETERS_SECRETS_EXTENSION_HTTP_PORT: z._default(z.coerce.number(), 2773),
      AWS_SESSION_TOKEN: z.optional(z.string()),
    },
    env,
  );
  const salt = config[VARIABLES.erasureLedgerSalt] as string | undefined;
  if (salt) return salt;
  const secretId = config[VARIABLES.erasureLedgerSaltSecret] as string | undefined;
  if (!secretId) throw new Error(`invalid configuration: ${VARIABLES.erasureLedgerSaltSecret}: Required`);
  const response = await fetch(
    `http://localhost:${config.PARAMETERS_SECRETS_EXTENSION_HTTP_PORT}/secretsmanager/get?secretId=${encodeURIComponent(secretId)}`,
    { headers: { 'X-Aws-Parameters-Secrets-Token': config.AWS_SESSION_TOKEN ?? '' } },
  );
  if (!response.ok) throw new Error(`the erasure ledger salt could not be read (HTTP ${response.status})`);
  const { SecretString } = (await response.json()) as { SecretString?: string };
  if (!SecretString) throw new Error('the erasure ledger salt secret is empty');
  return SecretString;
};
