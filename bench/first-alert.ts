import { expectStatus } from '../local/scenarios/api-client';
import { eventually } from '../local/scenarios/eventually';
import { startBenchRuntime } from './bench-runtime';

const GENT = '44021';
const CORPS = 80;

export interface FirstAlertResult {
  requests: number;
  corps: number;
  /** Milliseconds from the 202 of `POST /help-requests` to the first volunteer alert handed to the SMS gateway. */
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
  samplesMs: number[];
}

/** The nearest-rank percentile of ascending samples. */
export const percentile = (sorted: number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;

/**
 * Time to first alert on the local runtime (DynamoDB Local, the synthesized state machine, the real handlers): a
 * corps of 80, `requests` help requests one after the other, each closed once its alerts went out. The SMS pool is
 * wide (20 numbers) so that the provider's rate does not queue one request's alerts behind the previous one's.
 */
export const measureFirstAlert = async (
  requests: number,
  progress: (line: string) => void,
): Promise<FirstAlertResult> => {
  const { runtime, call, coordinator } = await startBenchRuntime({
    timing: { ackTimeoutSeconds: 600, responseWindowSeconds: 600, aftercareWindowSeconds: 1 },
    poolNumbers: 20,
  });
  try {
    await expectStatus(201, call('PUT', `/municipalities/${GENT}`, { token: coordinator, body: {} }));
    for (let i = 0; i < CORPS; i++) {
      await expectStatus(
        201,
        call('POST', `/municipalities/${GENT}/volunteers`, {
          token: coordinator,
          body: { name: `Lid ${i}`, birthDate: '1990-01-01', phone: `+32470${String(100000 + i)}` },
        }),
      );
    }
    progress(`corps of ${CORPS} registered in Gent`);

    const samples: number[] = [];
    for (let i = 0; i < requests; i++) {
      const title = `Bench eerste alarm ${i}`;
      const launched = await call('POST', '/help-requests', {
        token: coordinator,
        body: {
          municipality: GENT,
          channel: 'phone',
          title,
          needs: [{ task: 'logistics', volunteers: 5 }],
          location: { postcode: '9000' },
        },
      });
      const accepted = Date.now();
      if (launched.status !== 202) throw new Error(`launch answered ${launched.status}`);
      // The outbox stamps the moment the gateway was handed each SMS, so the polling interval does not matter.
      const first = await eventually(
        async () =>
          runtime.outbox.entries.find(
            (e) => e.body.startsWith('Rode Kruis: hulpvraag') && e.body.includes(`${title}.`),
          ),
        30_000,
      );
      samples.push(Date.parse(first.at) - accepted);
      await expectStatus(
        200,
        call('POST', `/help-requests/${launched.body.id}/close`, { token: coordinator }),
      );
      await runtime.queue.drain();
      if ((i + 1) % 10 === 0)
        progress(`${i + 1}/${requests} requests, last first alert ${samples.at(-1)?.toFixed(0)} ms`);
    }
    const sorted = [...samples].sort((a, b) => a - b);
    return {
      requests,
      corps: CORPS,
      p50Ms: percentile(sorted, 50),
      p95Ms: percentile(sorted, 95),
      maxMs: sorted.at(-1) as number,
      samplesMs: samples,
    };
  } finally {
    await runtime.stop();
  }
};
