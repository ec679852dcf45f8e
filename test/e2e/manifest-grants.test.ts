import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FUNCTIONS, type Manifest } from '../../shared/manifest/functions';
import { appends } from '../../shared/manifest/needs';
import { startTestRuntime } from '../support/local-runtime';

const GENT = '44021';

/** The manifest with one need of one function taken away, as a forgotten grant would leave it. */
const withoutNeed = (name: keyof Manifest, need: object): Manifest => ({
  ...FUNCTIONS,
  [name]: {
    ...FUNCTIONS[name],
    needs: FUNCTIONS[name].needs.filter((granted) => JSON.stringify(granted) !== JSON.stringify(need)),
  },
});

describe('each local function runs with only what its manifest entry grants', () => {
  let granted: Awaited<ReturnType<typeof startTestRuntime>>;
  let missingAudit: Awaited<ReturnType<typeof startTestRuntime>>;

  beforeAll(async () => {
    granted = await startTestRuntime();
    missingAudit = await startTestRuntime({ functions: withoutNeed('putMunicipality', appends('audit')) });
  });
  afterAll(async () => {
    await granted.runtime.stop();
    await missingAudit.runtime.stop();
  });

  it('joins a municipality when the function is granted its tables', async () => {
    const coordinator = await granted.token({ roles: ['coordinator'] });
    expect(
      (await granted.call('PUT', `/municipalities/${GENT}`, { token: coordinator, body: {} })).status,
    ).toBe(201);
    expect((await granted.call('GET', `/municipalities/${GENT}`, { token: coordinator })).status).toBe(200);
  });

  it('fails the join, writing nothing, when the audit trail is not granted: the function is not told the table', async () => {
    expect(FUNCTIONS.putMunicipality.needs).toContainEqual(appends('audit'));
    const coordinator = await missingAudit.token({ roles: ['coordinator'] });
    const put = await missingAudit.call('PUT', `/municipalities/${GENT}`, { token: coordinator, body: {} });
    expect(put.status).toBe(500);
    expect((await missingAudit.call('GET', `/municipalities/${GENT}`, { token: coordinator })).status).toBe(
      404,
    );
  });
});
