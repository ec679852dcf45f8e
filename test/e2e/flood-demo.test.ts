import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { floodScenario } from '../../local/flood-demo';
import { startTestRuntime } from '../support/local-runtime';

describe('npm run demo: the flood scenario', () => {
  let t: Awaited<ReturnType<typeof startTestRuntime>>;
  beforeAll(async () => {
    t = await startTestRuntime({
      timing: { ackTimeoutSeconds: 30, responseWindowSeconds: 2, aftercareWindowSeconds: 1 },
    });
  });
  afterAll(async () => {
    await t.runtime.stop();
  });

  it('narrates every step of the lifecycle and ends with the request closed and its lifecycle done', async () => {
    const lines: string[] = [];

    const result = await floodScenario(t.runtime, (line) => lines.push(line));

    const narration = lines.join('\n');
    for (const step of [
      '1. Set-up',
      '2. ',
      '3. The Red Cross coordinator',
      '4. Mobilisation',
      '5. Replies',
      '6. The response window ends',
      '7. Still one short',
      '8. On site',
      '9. The water drops',
    ]) {
      expect(narration).toContain(`\n${step}`);
    }
    expect(narration).toContain('("kan pas om 14u")');
    expect(narration).toContain('lifecycle SUCCEEDED');
    expect(narration).not.toMatch(/\+32470\d{6}/);
    expect(result).toMatchObject({
      status: 'closed',
      counts: { alerted: 8, accepted: 5, declined: 1, checkedIn: 0 },
    });
    expect(t.runtime.workflow.executions.get(result.requestId)?.status).toBe('SUCCEEDED');
  });
});
