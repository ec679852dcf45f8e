import { S3Client } from '@aws-sdk/client-s3';
import { SFNClient } from '@aws-sdk/client-sfn';
import { SNSClient } from '@aws-sdk/client-sns';
import { ulid } from 'ulid';
import * as z from 'zod';
import { S3AttachmentStore } from './attachments/s3-attachment-store';
import { once, parseEnv, parseOriginationPool } from './config';
import { noSmsTraces } from './messaging/sms-traces';
import { SnsSmsGateway } from './messaging/sns-sms-gateway';
import { SnsSmsJobQueue } from './messaging/sns-sms-job-queue';
import { emfMetrics } from './observability/powertools';
import type { Ports } from './ports';
import { type LifecycleTiming, lifecycleTimingSchema } from './schemas/help-request';
import { AdHocRepository } from './store/ad-hoc-repository';
import { AlertRepository } from './store/alert-repository';
import { AnnualCounterRepository } from './store/annual-counter-repository';
import { ClaimRepository } from './store/claim-repository';
import { DeploymentRepository } from './store/deployment-repository';
import { DutyRosterRepository } from './store/duty-roster-repository';
import { GroupRepository } from './store/group-repository';
import { HelpRequestRepository } from './store/help-request-repository';
import { MunicipalityRepository } from './store/municipality-repository';
import { SmsRateRepository } from './store/sms-rate-repository';
import { TrainingRepository } from './store/training-repository';
import { VolunteerRepository } from './store/volunteer-repository';
import { StepFunctionsWorkflow } from './workflow/step-functions-workflow';

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

const sns = once(() => new SNSClient({}));

/**
 * Ports backed by AWS. Each is built on first use, so a function only needs the environment variables
 * of the ports it actually touches.
 */
export const awsPorts = (): Ports => {
  const lazy = <K extends keyof Ports>(build: () => Ports[K]) => ({ enumerable: true, get: once(build) });
  return Object.defineProperties({} as Ports, {
    municipalities: lazy(() => new MunicipalityRepository()),
    volunteers: lazy(() => new VolunteerRepository()),
    helpRequests: lazy(() => new HelpRequestRepository()),
    alerts: lazy(() => new AlertRepository()),
    trainings: lazy(() => new TrainingRepository()),
    groups: lazy(() => new GroupRepository()),
    dutyRoster: lazy(() => new DutyRosterRepository()),
    deployments: lazy(() => new DeploymentRepository()),
    adHoc: lazy(() => new AdHocRepository()),
    claims: lazy(() => new ClaimRepository()),
    attachments: lazy(
      () =>
        new S3AttachmentStore(
          new S3Client({}),
          once(() => parseEnv({ ATTACHMENTS_BUCKET: z.string().min(1) }).ATTACHMENTS_BUCKET),
        ),
    ),
    annualCounters: lazy(() => new AnnualCounterRepository()),
    smsJobs: lazy(
      () => new SnsSmsJobQueue(sns(), parseEnv({ SMS_JOBS_TOPIC_ARN: z.string().min(1) }).SMS_JOBS_TOPIC_ARN),
    ),
    sms: lazy(() => new SnsSmsGateway(sns())),
    smsTraces: { enumerable: true, value: noSmsTraces },
    smsPool: lazy(() => parseOriginationPool()),
    smsRates: lazy(() => new SmsRateRepository()),
    workflow: lazy(
      () =>
        new StepFunctionsWorkflow(
          new SFNClient({}),
          once(() => parseEnv({ STATE_MACHINE_ARN: z.string().min(1) }).STATE_MACHINE_ARN),
        ),
    ),
    metrics: { enumerable: true, value: emfMetrics },
    timing: lazy(lifecycleTiming),
    clock: lazy(() => ({ now: () => new Date() })),
    newId: { enumerable: true, value: () => ulid() },
    sleep: { enumerable: true, value: (ms: number) => new Promise((resolve) => setTimeout(resolve, ms)) },
  });
};
