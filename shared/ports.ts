import type { OfficialAccounts, UserAccounts } from './accounts/ports';
import type { AttachmentStore } from './attachments/ports';
import type { SmsGateway, SmsJobQueue } from './messaging/ports';
import type { SmsTraces } from './messaging/sms-traces';
import type { MetricsPort } from './observability/metrics';
import type { AlertWaves, LifecycleTiming } from './schemas/lifecycle';
import type { OriginationPool } from './schemas/sms-job';
import type { ActivationRepository } from './store/activation-repository';
import type { AdHocRepository } from './store/ad-hoc-repository';
import type { AlertRepository } from './store/alert-repository';
import type { AnnualCounterRepository } from './store/annual-counter-repository';
import type { ClaimRepository } from './store/claim-repository';
import type { DeploymentRepository } from './store/deployment-repository';
import type { DutyRosterRepository } from './store/duty-roster-repository';
import type { ErasureLedgerRepository } from './store/erasure-ledger-repository';
import type { GroupRepository } from './store/group-repository';
import type { HelpRequestRepository } from './store/help-request-repository';
import type { MunicipalityRepository } from './store/municipality-repository';
import type { OfficialRepository } from './store/official-repository';
import type { SmsLedgerRepository } from './store/sms-ledger-repository';
import type { SmsRateRepository } from './store/sms-rate-repository';
import type { TrainingRepository } from './store/training-repository';
import type { VolunteerRepository } from './store/volunteer-repository';
import type { ActivationWorkflow, Workflow } from './workflow/ports';

/**
 * Everything a handler reaches outside itself. Production builds it from AWS clients (compose-ports.ts);
 * the local runtime and the tests swap the parts AWS alone provides (SMS, queue, state machine).
 */
export interface Ports {
  municipalities: MunicipalityRepository;
  volunteers: VolunteerRepository;
  helpRequests: HelpRequestRepository;
  alerts: AlertRepository;
  /** The SMS owed, claimed, sent and delivered: one record per SMS, with the pointers of its message ids. */
  smsLedger: SmsLedgerRepository;
  trainings: TrainingRepository;
  groups: GroupRepository;
  dutyRoster: DutyRosterRepository;
  deployments: DeploymentRepository;
  /** Spontaneous volunteers and their call: the only place their personal data lives. */
  adHoc: AdHocRepository;
  /** Insurance claims; their attachments go straight from the client to the attachment store. */
  claims: ClaimRepository;
  attachments: AttachmentStore;
  /** The years a settled or rejected claim is kept before it and its attachments are deleted. */
  claimRetentionYears: number;
  /** People's sign-in accounts (Cognito): an erased member's goes. */
  accounts: UserAccounts;
  /** Officials' sign-in accounts (Cognito): invited by e-mail, disabled and signed out when removed. */
  officialAccounts: OfficialAccounts;
  /** The officials each municipality invited: names, e-mail addresses, roles. */
  officials: OfficialRepository;
  /** The yearly report's anonymous counters. */
  annualCounters: AnnualCounterRepository;
  /** Who was erased and which requests were purged, as salted hashes and ids: what a restore must forget again. */
  erasureLedger: ErasureLedgerRepository;
  smsJobs: SmsJobQueue;
  sms: SmsGateway;
  /** What the SMS channel keeps per phone number, for the purge. */
  smsTraces: SmsTraces;
  /** The origination numbers SMS go out on and the rate each may send at; the counters that enforce it. */
  smsPool: OriginationPool;
  smsRates: SmsRateRepository;
  workflow: Workflow;
  /** Mobilises an activation's corps in the background. */
  activationWorkflow: ActivationWorkflow;
  /** Activations by hand of a request and their progress. */
  activations: ActivationRepository;
  /** Business metrics (alerts sent, SMS failures, time to first acceptance, purges). */
  metrics: MetricsPort;
  timing: LifecycleTiming;
  /** How many members a wave of alerts reaches per task. */
  alertWaves: AlertWaves;
  /** The crisis centre's mobile number (E.164), told when nobody on the duty roster answers; unset, only the alarm. */
  crisisCentrePhone: string | undefined;
  clock: { now(): Date };
  /** Waits (rate windows, backoff); tests pass one that moves their clock instead. */
  sleep(ms: number): Promise<void>;
  newId(): string;
}

/** Ports whose AWS adapters bring an SDK client of their own (SNS, Step Functions, S3, Cognito). */
export type ClientPorts =
  | 'smsJobs'
  | 'sms'
  | 'workflow'
  | 'activationWorkflow'
  | 'attachments'
  | 'accounts'
  | 'officialAccounts';

/** The DynamoDB repositories: an entry passes those of its tables (store/repository-ports.ts). */
export type RepositoryPorts =
  | 'municipalities'
  | 'volunteers'
  | 'trainings'
  | 'groups'
  | 'dutyRoster'
  | 'officials'
  | 'helpRequests'
  | 'alerts'
  | 'smsLedger'
  | 'smsRates'
  | 'claims'
  | 'deployments'
  | 'activations'
  | 'annualCounters'
  | 'adHoc'
  | 'erasureLedger';

/** What composePorts() gives every function: configuration, metrics, clock and ids. */
export type BasePorts = Omit<Ports, ClientPorts | RepositoryPorts>;
