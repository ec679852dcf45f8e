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
 * The repositories, one map per table, for an entry to pass to composePorts with the tables its manifest entry
 * grants: a bundle takes the repositories of its tables only (the maps are pure, so esbuild drops the others).
 */

export const registryPorts: PortAdapters<
  'municipalities' | 'volunteers' | 'trainings' | 'groups' | 'dutyRoster' | 'officials'
> = {
  municipalities: () => new MunicipalityRepository(),
  officials: () => new OfficialRepository(),
  volunteers: () => new VolunteerRepository(),
  trainings: () => new TrainingRepository(),
  groups: () => new GroupRepository(),
  dutyRoster: () => new DutyRosterRepository(),
};

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
> = {
  helpRequests: () => new HelpRequestRepository(),
  alerts: () => new AlertRepository(),
  smsLedger: () => new SmsLedgerRepository(),
  smsRates: () => new SmsRateRepository(),
  claims: () => new ClaimRepository(),
  deployments: () => new DeploymentRepository(),
  activations: () => new ActivationRepository(),
  annualCounters: () => new AnnualCounterRepository(),
};

export const adHocPorts: PortAdapters<'adHoc'> = { adHoc: () => new AdHocRepository() };

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
