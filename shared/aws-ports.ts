import { ulid } from 'ulid';
import * as z from 'zod';
import { once, parseEnv, parseOriginationPool } from './config';
import { DEFAULT_CLAIM_RETENTION_YEARS } from './domain/retention';
import { noSmsTraces } from './messaging/sms-traces';
import { emfMetrics } from './observability/powertools';
import type { BasePorts, ClientPorts, Ports } from './ports';
import { type LifecycleTiming, lifecycleTimingSchema } from './schemas/help-request';
import { originationNumberSchema } from './schemas/sms-job';
import { AdHocRepository } from './store/ad-hoc-repository';
import { AlertRepository } from './store/alert-repository';
import { AnnualCounterRepository } from './store/annual-counter-repository';
import { ClaimRepository } from './store/claim-repository';
import { DeploymentRepository } from './store/deployment-repository';
import { DutyRosterRepository } from './store/duty-roster-repository';
import { ErasureLedgerRepository } from './store/erasure-ledger-repository';
import { GroupRepository } from './store/group-repository';
import { HelpRequestRepository } from './store/help-request-repository';
import { MunicipalityRepository } from './store/municipality-repository';
import { SmsLedgerRepository } from './store/sms-ledger-repository';
import { SmsRateRepository } from './store/sms-rate-repository';
import { TrainingRepository } from './store/training-repository';
import { VolunteerRepository } from './store/volunteer-repository';

/** Production durations: 5 minutes to acknowledge, 15 to answer, 14 days of aftercare before the purge. */
export const PRODUCTION_TIMING: LifecycleTiming = {
  ackTimeoutSeconds: 300,
  responseWindowSeconds: 900,
  aftercareWindowSeconds: 14 * 24 * 3600,
};

export const lifecycleTiming = once((): LifecycleTiming => {
  const { LIFECYCLE_TIMING } = parseEnv({ LIFECYCLE_TIMING: z.string().optional() });
  return LIFECYCLE_TIMING ? lifecycleTimingSchema.parse(JSON.parse(LIFECYCLE_TIMING)) : PRODUCTION_TIMING;
});

/** Builds AWS adapters of some ports: snsPorts, stepFunctionsPorts, s3Ports, each in a module of its own. */
export type AwsAdapters<K extends keyof Ports> = { [P in K]: () => Ports[P] };

/**
 * Ports backed by AWS. Each is built on first use, so a function only needs the environment variables of the ports
 * it actually touches. The ports of other SDK clients come only with the adapters an entry passes, so a function
 * that never publishes or starts an execution neither bundles nor loads SNS, Step Functions or S3.
 */
export const awsPorts = <K extends ClientPorts = never>(
  adapters?: AwsAdapters<K>,
): BasePorts & Pick<Ports, K> => {
  const lazy = (build: () => unknown) => ({ enumerable: true, get: once(build) });
  return Object.defineProperties({} as BasePorts & Pick<Ports, K>, {
    municipalities: lazy(() => new MunicipalityRepository()),
    volunteers: lazy(() => new VolunteerRepository()),
    helpRequests: lazy(() => new HelpRequestRepository()),
    alerts: lazy(() => new AlertRepository()),
    smsLedger: lazy(() => new SmsLedgerRepository()),
    trainings: lazy(() => new TrainingRepository()),
    groups: lazy(() => new GroupRepository()),
    dutyRoster: lazy(() => new DutyRosterRepository()),
    deployments: lazy(() => new DeploymentRepository()),
    adHoc: lazy(() => new AdHocRepository()),
    claims: lazy(() => new ClaimRepository()),
    annualCounters: lazy(() => new AnnualCounterRepository()),
    erasureLedger: lazy(() => new ErasureLedgerRepository()),
    smsTraces: { enumerable: true, value: noSmsTraces },
    smsPool: lazy(() => parseOriginationPool()),
    smsRates: lazy(() => new SmsRateRepository()),
    metrics: { enumerable: true, value: emfMetrics },
    timing: lazy(lifecycleTiming),
    claimRetentionYears: lazy(
      () =>
        parseEnv({
          CLAIM_RETENTION_YEARS: z.coerce.number().int().min(1).default(DEFAULT_CLAIM_RETENTION_YEARS),
        }).CLAIM_RETENTION_YEARS,
    ),
    crisisCentrePhone: lazy(
      () => parseEnv({ CRISIS_CENTRE_PHONE: originationNumberSchema.optional() }).CRISIS_CENTRE_PHONE,
    ),
    clock: lazy(() => ({ now: () => new Date() })),
    newId: { enumerable: true, value: () => ulid() },
    sleep: { enumerable: true, value: (ms: number) => new Promise((resolve) => setTimeout(resolve, ms)) },
    ...Object.fromEntries(
      Object.entries(adapters ?? {}).map(([port, build]) => [port, lazy(build as () => unknown)]),
    ),
  });
};
