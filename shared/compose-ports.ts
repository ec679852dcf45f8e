import { ulid } from 'ulid';
import * as z from 'zod/mini';
import { oncePerEnvironment, parseEnv, parseOriginationPool, readVariable } from './config';
import { DEFAULT_CLAIM_RETENTION_YEARS } from './domain/retention';
import { DEFAULT_WAVE_SIZE } from './domain/waves';
import { VARIABLES } from './manifest/environment';
import { noSmsTraces } from './messaging/sms-traces';
import { emfMetrics } from './observability/powertools';
import type { BasePorts, Ports } from './ports';
import { alertWavesSchema, type LifecycleTiming, lifecycleTimingSchema } from './schemas/lifecycle';
import { originationNumberSchema } from './schemas/sms-job';

/**
 * Production durations: 5 minutes to acknowledge, 5 for a wave of alerts before the next, 15 to answer after the
 * last wave, 14 days of aftercare before the purge.
 */
export const PRODUCTION_TIMING: LifecycleTiming = {
  ackTimeoutSeconds: 300,
  responseWindowSeconds: 900,
  waveWindowSeconds: 300,
  aftercareWindowSeconds: 14 * 24 * 3600,
};

export const lifecycleTiming = oncePerEnvironment((env): LifecycleTiming => {
  const timing = parseEnv({ [VARIABLES.lifecycleTiming]: z.optional(z.string()) }, env)[
    VARIABLES.lifecycleTiming
  ];
  return timing ? lifecycleTimingSchema.parse(JSON.parse(timing as string)) : PRODUCTION_TIMING;
});

/** Builders of ports: the AWS adapters an entry passes (snsPorts, stepFunctionsPorts …), or the local and test doubles. */
export type PortAdapters<K extends keyof Ports> = { [P in K]: () => Ports[P] };

/** The ports built from the function's environment: its parameters, metrics, clock, ids (repositories: store/repository-ports). */
const environmentPorts: PortAdapters<keyof BasePorts> = {
  smsTraces: () => noSmsTraces,
  smsPool: () => parseOriginationPool(),
  metrics: () => emfMetrics,
  timing: lifecycleTiming,
  alertWaves: () => {
    const waves = readVariable(VARIABLES.alertWaves, z.optional(z.string()));
    return waves ? alertWavesSchema.parse(JSON.parse(waves)) : DEFAULT_WAVE_SIZE;
  },
  claimRetentionYears: () =>
    readVariable(
      VARIABLES.claimRetentionYears,
      z._default(z.coerce.number().check(z.int(), z.minimum(1)), DEFAULT_CLAIM_RETENTION_YEARS),
    ),
  crisisCentrePhone: () => readVariable(VARIABLES.crisisCentrePhone, z.optional(originationNumberSchema)),
  clock: () => ({ now: () => new Date() }),
  newId: () => () => ulid(),
  sleep: () => (ms: number) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/**
 * The one composition root, for Lambda, the local runtime and the tests alike. Each port is built on first use from
 * the function's environment, so a function only needs the variables of the ports it touches. `adapters` add the
 * ports of other SDK clients (a function that never publishes neither bundles nor loads SNS) and replace any port
 * with a local or test double; `granted` (a manifest entry's grantedPorts) leaves out every other port.
 */
export const composePorts = <K extends keyof Ports = never>(
  adapters?: PortAdapters<K> & Partial<PortAdapters<keyof Ports>>,
  granted?: readonly (keyof Ports)[],
): BasePorts & Pick<Ports, K> => {
  const builders: Partial<PortAdapters<keyof Ports>> = { ...environmentPorts, ...adapters };
  const names = (granted ?? Object.keys(builders)) as (keyof Ports)[];
  return Object.defineProperties(
    {},
    Object.fromEntries(
      names
        .filter((name) => builders[name])
        .map((name) => {
          let built = false;
          let value: unknown;
          const build = builders[name] as () => unknown;
          return [
            name,
            {
              enumerable: true,
              get: () => {
                if (!built) {
                  value = build();
                  built = true;
                }
                return value;
              },
              configurable: true,
              // Assigning a port replaces it on the object assigned to (a test's double), as on a plain object.
              set(this: object, replacement: unknown) {
                Object.defineProperty(this, name, {
                  value: replacement,
                  writable: true,
                  enumerable: true,
                  configurable: true,
                });
              },
            },
          ];
        }),
    ),
  ) as BasePorts & Pick<Ports, K>;
};
