import type { Ports } from '../ports';
import type { FUNCTIONS, FunctionName } from './functions';
import { type Need, type Resource, type ResourceOf, resourceOf } from './needs';

/**
 * What each port requires to be granted, whatever the access mode: a repository the table its items live in, an
 * adapter the AWS resource behind it, configuration its parameter. Ports that require nothing (clock, ids, metrics,
 * the SMS traces, which only the local runtime keeps) every function has.
 */
export const PORT_REQUIREMENTS = {
  municipalities: ['table:registry'],
  volunteers: ['table:registry'],
  trainings: ['table:registry'],
  groups: ['table:registry'],
  dutyRoster: ['table:registry'],
  officials: ['table:registry'],
  helpRequests: ['table:operations'],
  alerts: ['table:operations'],
  smsLedger: ['table:operations'],
  smsRates: ['table:operations'],
  claims: ['table:operations'],
  deployments: ['table:operations'],
  activations: ['table:operations'],
  annualCounters: ['table:operations', 'table:registry'],
  adHoc: ['table:adHoc'],
  erasureLedger: ['table:erasureLedger'],
  attachments: ['bucket:attachments'],
  accounts: ['userPool:users'],
  officialAccounts: ['userPool:users'],
  smsJobs: ['topic:smsJobs'],
  sms: ['sms:pool'],
  workflow: ['stateMachine:lifecycle'],
  activationWorkflow: ['stateMachine:activation'],
  smsPool: ['parameter:smsPool'],
  timing: ['parameter:lifecycleTiming'],
  alertWaves: ['parameter:alertWaves'],
  crisisCentrePhone: ['parameter:crisisCentrePhone'],
  claimRetentionYears: ['parameter:claimRetentionYears'],
  smsTraces: [],
  metrics: [],
  clock: [],
  sleep: [],
  newId: [],
} as const satisfies { [P in keyof Ports]: readonly Resource[] };

type Requirements = typeof PORT_REQUIREMENTS;

/** The ports whose every requirement is among the granted resources. */
export type GrantedPorts<Granted extends Resource> = {
  [P in keyof Requirements]: Requirements[P][number] extends Granted ? P : never;
}[keyof Requirements];

/** The ports a function with these needs may use. */
export type PortsFor<Needs extends readonly Need[]> = Pick<Ports, GrantedPorts<ResourceOf<Needs[number]>>>;

/** What a function's handler is given: only the ports its manifest entry grants, so `tsc` refuses any other. */
export type PortsOf<Name extends FunctionName> = PortsFor<(typeof FUNCTIONS)[Name]['needs']>;

/** The same, at run time: the names of the ports these needs grant. */
export const grantedPorts = (needs: readonly Need[]): (keyof Ports)[] => {
  const granted = new Set<Resource>(needs.map(resourceOf));
  return (Object.keys(PORT_REQUIREMENTS) as (keyof Ports)[]).filter((port) =>
    (PORT_REQUIREMENTS[port] as readonly Resource[]).every((resource) => granted.has(resource)),
  );
};
