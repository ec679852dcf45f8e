import { type LocalRuntimeOptions, startLocalRuntime } from '../local/runtime/runtime';
import { apiClient, expectStatus } from '../local/scenarios/api-client';
import type { LifecycleTiming } from '../shared/schemas/lifecycle';

/**
 * A local runtime for one bench section, with a pool of `poolNumbers` origination numbers at `partsPerSecond` each,
 * a coordinator's token and a duty roster (every launch alerts the coordinator on duty).
 */
export const startBenchRuntime = async (options: {
  timing: LifecycleTiming;
  poolNumbers: number;
  partsPerSecond?: number;
  onInvoke?: LocalRuntimeOptions['onInvoke'];
  spontaneousRegistrationCap?: number;
}) => {
  const runtime = await startLocalRuntime({
    timing: options.timing,
    smsPool: {
      numbers: Array.from({ length: options.poolNumbers }, (_, i) => `+32460${String(100000 + i)}`),
      partsPerSecond: options.partsPerSecond ?? 10,
    },
    ...(options.onInvoke ? { onInvoke: options.onInvoke } : {}),
    ...(options.spontaneousRegistrationCap
      ? { spontaneousRegistrationCap: options.spontaneousRegistrationCap }
      : {}),
  });
  try {
    const call = apiClient(runtime.url);
    const coordinator = await runtime.tokens.sign({ roles: ['coordinator'], sub: 'bench-coordinator' });
    await expectStatus(
      200,
      call('PUT', '/duty-roster', {
        token: coordinator,
        body: { onDuty: { name: 'Bench coördinator', phone: '+32499000001' }, backups: [] },
      }),
    );
    return { runtime, call, coordinator };
  } catch (error) {
    await runtime.stop();
    throw error;
  }
};

/** What a bench section gets: the runtime, an API client and the coordinator's token. */
export type BenchRuntime = Awaited<ReturnType<typeof startBenchRuntime>>;
