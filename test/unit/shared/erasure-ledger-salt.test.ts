import { afterEach, describe, expect, it, vi } from 'vitest';
import { saltReader } from '../../../shared/erasure-ledger-salt';

const SECRET_ARN = 'arn:aws:secretsmanager:eu-west-1:111111111111:secret:ErasureLedgerSalt-AbCdEf';
const SALT = 'x'.repeat(64);

const extensionAnswering = (...answers: Response[]) => {
  const fetch = vi.fn<typeof globalThis.fetch>();
  for (const answer of answers) fetch.mockResolvedValueOnce(answer);
  vi.stubGlobal('fetch', fetch);
  return fetch;
};

afterEach(() => {
  vi.unstubAllGlobals();
});

describe("reading the erasure ledger's salt", () => {
  it('takes ERASURE_LEDGER_SALT as it is where it is configured, asking nothing', async () => {
    const fetch = extensionAnswering();

    expect(await saltReader({ ERASURE_LEDGER_SALT: SALT })()).toBe(SALT);
    expect(fetch).not.toHaveBeenCalled();
  });

  it('asks the Parameters and Secrets extension for the secret once per container, with the session token', async () => {
    const fetch = extensionAnswering(Response.json({ SecretString: SALT }));
    const read = saltReader({ ERASURE_LEDGER_SALT_SECRET: SECRET_ARN, AWS_SESSION_TOKEN: 'session-token' });

    expect(await read()).toBe(SALT);
    expect(await read()).toBe(SALT);

    expect(fetch).toHaveBeenCalledTimes(1);
    const [url, init] = fetch.mock.calls[0]!;
    expect(url).toBe(`http://localhost:2773/secretsmanager/get?secretId=${encodeURIComponent(SECRET_ARN)}`);
    expect(init?.headers).toEqual({ 'X-Aws-Parameters-Secrets-Token': 'session-token' });
  });

  it('tries again on the next call after a failed read, rather than failing the container for good', async () => {
    extensionAnswering(new Response('not ready', { status: 400 }), Response.json({ SecretString: SALT }));
    const read = saltReader({ ERASURE_LEDGER_SALT_SECRET: SECRET_ARN });

    await expect(read()).rejects.toThrow('could not be read (HTTP 400)');
    expect(await read()).toBe(SALT);
  });

  it('names the missing variable when neither the salt nor its secret is configured', async () => {
    await expect(saltReader({})()).rejects.toThrow('ERASURE_LEDGER_SALT_SECRET');
  });
});
