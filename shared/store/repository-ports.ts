import type { PortAdapters } from '../compose-ports';
import type { RepositoryPorts } from '../ports';
import { ActivationRepository } from './activation-repository';
import { AdHocRepository } from './ad-hoc-repository';
import { AlertRepository } from './alert-repository';
import { AnnualCounterRepository } from './annual-counter-repository';
import { ClaimRepository } from './claim-repository';
import { DeploymentRepository } from './deployment-repository';
import { DutyRosterRepository } from './duty-roster-repository';
import { ErasureLedgerRepository } from './erasure-ledger-repository';
import { GroupRepository } from './group-repository';
import { HelpRequestRepository } from './help-request-repository';
import { MunicipalityRepository } from './municipality-repository';
import { OfficialRepository } from './official-repository';
import { SmsLedgerRepository } from './sms-ledger-repository';
import { SmsRateRepository } from './sms-rate-repository';
import { TrainingRepository } from './training-repository';
import { VolunteerRepository } from './volunteer-repository';

/*
 * Each repository's builder, named after its port, and the repositories of each table as one map, for an entry to
 * pass to composePorts with the tables its manifest entry grants: a bundle takes the repositories it names only (the
 * builders and maps are pure, so esbuild drops the others). An entry whose bundle must stay small names the
 * repositories its service uses, one by one, instead of a table's map.
 */

export const municipalities = () => new MunicipalityRepository();
export const officials = () => new OfficialRepository();
export const volunteers = () => new VolunteerRepository();
export const trainings = () => new TrainingRepository();
export const groups = () => new GroupRepository();
export const dutyRoster = () => new DutyRosterRepository();

export const registryPorts: PortAdapters<
  'municipalities' | 'volunteers' | 'trainings' | 'groups' | 'dutyRoster' | 'officials'
> = { municipalities, officials, volunteers, trainings, groups, dutyRoster };

export const helpRequests = () => new HelpRequestRepository();
export const alerts = () => new AlertRepository();
export const smsLedger = () => new SmsLedgerRepository();
export const smsRates = () => new SmsRateRepository();
export const claims = () => new ClaimRepository();
export const deployments = () => new DeploymentRepository();
export const activations = () => new ActivationRepository();
export const annualCounters = () => new AnnualCounterRepository();

/** The Operations table's; the yearly counters (which a function may use with the Registry as well) live in it. */
export const operationsPorts: PortAdapters<
  | 'helpRequests'
  | 'alerts'
  | 'smsLedger'
  | 'smsRates'
  | 'claims'
  | 'deployments'
  | 'activations'
  | 'annualCounters'
> = { helpRequests, alerts, smsLedger, smsRates, claims, deployments, activations, annualCounters };

export const adHoc = () => new AdHocRepository();
export const adHocPorts: PortAdapters<'adHoc'> = { adHoc };

export const erasureLedgerPorts: PortAdapters<'erasureLedger'> = {
  erasureLedger: () => new ErasureLedgerRepository(),
};

/**
 * Every repository: for the local runtime, the command-line programs and the tests, which reach every table. A
 * function, not a map: a spread is not pure to esbuild, so a map here would pull every repository into every bundle.
 */
export const allRepositoryPorts = (): PortAdapters<RepositoryPorts> => ({
  ...registryPorts,
  ...operationsPorts,
  ...adHocPorts,
  ...erasureLedgerPorts,
});
