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
import { SmsLedgerRepository } from './sms-ledger-repository';
import { SmsRateRepository } from './sms-rate-repository';
import { TrainingRepository } from './training-repository';
import { VolunteerRepository } from './volunteer-repository';

/**
 * Every repository at once, for a process that has every table (the local runtime, the tests). A Lambda function
 * builds only those it uses (compose-ports.ts), because it is only told the tables it may touch.
 */
export const repositories = () => ({
  municipalities: new MunicipalityRepository(),
  volunteers: new VolunteerRepository(),
  helpRequests: new HelpRequestRepository(),
  alerts: new AlertRepository(),
  smsLedger: new SmsLedgerRepository(),
  trainings: new TrainingRepository(),
  groups: new GroupRepository(),
  dutyRoster: new DutyRosterRepository(),
  deployments: new DeploymentRepository(),
  adHoc: new AdHocRepository(),
  claims: new ClaimRepository(),
  annualCounters: new AnnualCounterRepository(),
  smsRates: new SmsRateRepository(),
  erasureLedger: new ErasureLedgerRepository(),
});
