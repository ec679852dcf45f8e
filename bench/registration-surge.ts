import { fork } from 'node:child_process';
import { loadDeploymentConfig } from '../infra/config';
import { expectStatus } from '../local/scenarios/api-client';
import { startBenchRuntime } from './bench-runtime';
import type { SurgeLoad, SurgeLoadResult } from './surge-load';

const GENT = '44021';
const WARM_UP = { rate: 20, seconds: 3 };

export interface SurgeRateResult extends SurgeLoadResult {
  rate: number;
  /** `held`: the registrations' SMS wait in the queue until the run ends (the route alone); `sent`: they go out. */
  sms: 'held' | 'sent';
  achievedRate: number;
  /** Non-2xx answers, timeouts and connection errors. */
  errors: number;
}

export interface RegistrationSurgeResult {
  rates: SurgeRateResult[];
  /** What AWS lets through to this route per stage; the local server does not throttle. */
  throttle: Record<string, { rateLimit: number; burstLimit: number; wafRegistrationsPerIpPer5Min: number }>;
}

const runLoad = (load: SurgeLoad): Promise<SurgeLoadResult> =>
  new Promise((resolve, reject) => {
    // Forked with this process's flags, tsx's loader among them.
    const generator = fork(new URL('./surge-load.ts', import.meta.url), [JSON.stringify(load)]);
    generator.once('message', (result) => resolve(result as SurgeLoadResult));
    generator.once('error', reject);
    generator.once('exit', (code) =>
      reject(new Error(`the load generator exited with ${code} before answering`)),
    );
  });

/**
 * Public spontaneous registrations at fixed rates on the local runtime (DynamoDB Local, the real handlers), each
 * request a new citizen with a new phone (a repeated phone is answered from the first registration, cheaper).
 * Every registration queues an alert SMS: the pool is wide enough (100 numbers × 10 parts/s) to send them as fast
 * as they come, so no backlog of jobs retrying for a free number piles up. Sent during the run, their dispatch and
 * delivery receipts run on the same two cores and DynamoDB Local as the registrations, which they slow down; held,
 * they are sent after the run, and the run times the route alone.
 */
export const measureRegistrationSurge = async (
  rates: number[],
  seconds: number,
  progress: (line: string) => void,
): Promise<RegistrationSurgeResult> => {
  const { runtime, call, coordinator } = await startBenchRuntime({
    timing: { ackTimeoutSeconds: 600, responseWindowSeconds: 600, aftercareWindowSeconds: 600 },
    poolNumbers: 100,
    // Every rate registers new citizens on the one call: far more than a real call takes. (Setting the variable in
    // this process no longer reached the function: the runtime gives each the environment the stack would.)
    spontaneousRegistrationCap: 1_000_000,
  });
  try {
    await expectStatus(201, call('PUT', `/municipalities/${GENT}`, { token: coordinator, body: {} }));
    const launched = await expectStatus(
      202,
      call('POST', '/help-requests', {
        token: coordinator,
        body: {
          municipality: GENT,
          channel: 'phone',
          title: 'Bench registratiegolf',
          needs: [{ task: 'logistics', volunteers: 500 }],
          location: { postcode: '9000' },
          spontaneousCallAllowed: true,
        },
      }),
    );
    const opened = await expectStatus(
      201,
      call('POST', `/help-requests/${launched.id}/spontaneous-call`, { token: coordinator }),
    );

    let citizens = 0;
    const surge = async (
      rate: number,
      runSeconds: number,
      sms: 'held' | 'sent',
    ): Promise<SurgeRateResult> => {
      if (sms === 'held') runtime.queue.hold();
      const load = await runLoad({
        registrationUrl: `${runtime.url}${opened.registrationPath}`,
        rate,
        seconds: runSeconds,
        firstCitizen: citizens,
      });
      citizens += load.sent;
      // Each run starts with no SMS of the previous one still being sent.
      runtime.queue.resume();
      await runtime.queue.drain();
      const non2xx = Object.entries(load.statusCodes)
        .filter(([code]) => !code.startsWith('2'))
        .reduce((sum, [, count]) => sum + count, 0);
      return {
        rate,
        sms,
        ...load,
        achievedRate: Math.round((load.sent / load.seconds) * 10) / 10,
        errors: non2xx + load.connectionErrors,
      };
    };
    await surge(WARM_UP.rate, WARM_UP.seconds, 'sent');
    progress(`warmed up with ${WARM_UP.rate}/s for ${WARM_UP.seconds} s`);
    const results: SurgeRateResult[] = [];
    // Each rate with its SMS held: in AWS the dispatcher runs on functions and table partitions of its own, here on
    // the same two cores and DynamoDB Local. Then the first rate from 200/s up with its SMS going out, for comparison.
    const compared = rates.find((rate) => rate >= 200);
    const runs = [
      ...rates.map((rate) => ({ rate, sms: 'held' as const })),
      ...(compared ? [{ rate: compared, sms: 'sent' as const }] : []),
    ];
    for (const { rate, sms } of runs) {
      results.push(await surge(rate, seconds, sms));
      progress(`${rate}/s for ${seconds} s, SMS ${sms}: p99 ${results.at(-1)?.p99Ms} ms`);
    }
    const { stages } = loadDeploymentConfig();
    const throttle = Object.fromEntries(
      Object.entries(stages).map(([stage, { publicRegistrationThrottle, firewall }]) => [
        stage,
        { ...publicRegistrationThrottle, wafRegistrationsPerIpPer5Min: firewall.registrationsPerIp },
      ]),
    );
    return { rates: results, throttle };
  } finally {
    await runtime.stop();
  }
};
