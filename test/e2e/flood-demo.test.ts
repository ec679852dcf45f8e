import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { floodScenario } from '../../local/scenarios/flood-demo';
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
      '8. The coordinator opens a spontaneous call',
      '9. On site',
      '10. The water drops',
      '11. After the aftercare window',
    ]) {
      expect(narration).toContain(`\n${step}`);
    }
    expect(narration).toContain('("kan pas om 14u")');
    expect(narration).toContain('lifecycle SUCCEEDED');
    // Six fill the six places; the second citizen's yes comes when every place is filled and is kept in reserve.
    expect(narration).toContain('update sent to 6 volunteers');
    expect(narration).toContain('their SMS left in the outbox: 0');
    expect(narration).not.toMatch(/\+32470\d{6}/);
    expect(result).toMatchObject({
      status: 'closed',
      counts: { alerted: 10, accepted: 6, reserve: 1, declined: 1, checkedIn: 0 },
    });
    expect(t.runtime.workflow.executions.get(result.requestId)?.status).toBe('SUCCEEDED');
    expect((await t.runtime.ports.helpRequests.get(result.requestId))?.spontaneousTotals).toMatchObject({
      registered: 2,
      minors: 1,
      accepted: 1,
      // The reserve was called in too.
      checkedIn: 2,
    });
  });
});
