import type { AlertWaves, LifecycleTiming } from '../schemas/lifecycle';
import type { OriginationPool } from '../schemas/sms-job';
import type { Need, ParameterName, TableName } from './needs';

/**
 * Every environment variable the functions read, named once. Infra and the local runtime set them from a function's
 * needs (environmentOf); the readers (config, tables, adapters) parse them by these names.
 */
export const VARIABLES = {
  tables: {
    registry: 'REGISTRY_TABLE',
    operations: 'OPERATIONS_TABLE',
    adHoc: 'ADHOC_TABLE',
    audit: 'AUDIT_TABLE',
    idempotency: 'IDEMPOTENCY_TABLE',
    erasureLedger: 'ERASURE_LEDGER_TABLE',
  } satisfies Record<TableName, string>,
  smsJobsTopic: 'SMS_JOBS_TOPIC_ARN',
  /** Where and how SMS go out (AWS End User Messaging SMS): told to the functions that send. */
  sms: {
    pool: 'SMS_POOL_ARN',
    configurationSet: 'SMS_CONFIGURATION_SET',
    protectConfiguration: 'SMS_PROTECT_CONFIGURATION_ID',
    maxPriceUsd: 'SMS_MAX_PRICE_USD',
  },
  stateMachine: 'STATE_MACHINE_ARN',
  activationStateMachine: 'ACTIVATION_STATE_MACHINE_ARN',
  attachmentsBucket: 'ATTACHMENTS_BUCKET',
  userPool: 'USER_POOL_ID',
  /** The secret's ARN, read through the Parameters and Secrets extension. */
  erasureLedgerSaltSecret: 'ERASURE_LEDGER_SALT_SECRET',
  /** The salt itself, where no extension runs (the local runtime, the reapply command). */
  erasureLedgerSalt: 'ERASURE_LEDGER_SALT',
  publicBaseUrl: 'PUBLIC_BASE_URL',
  /** The web console's origin, the only one the API's answers admit cross-origin (CORS). */
  consoleOrigin: 'CONSOLE_ORIGIN',
  allowedPhoneCountries: 'ALLOWED_PHONE_COUNTRIES',
  spontaneousRegistrationCap: 'SPONTANEOUS_REGISTRATION_CAP',
  reportPrices: {
    basic: 'REPORT_PRICE_BASIC_EUR',
    refresher: 'REPORT_PRICE_REFRESHER_EUR',
    simulation: 'REPORT_PRICE_SIMULATION_EUR',
  },
  /** The report's targets: no stage sets them, the defaults are the concept note's. */
  reportTargets: {
    start: 'REPORT_TARGET_START',
    startYear: 'REPORT_TARGET_START_YEAR',
    legislature: 'REPORT_TARGET_LEGISLATURE',
    legislatureStartYear: 'REPORT_LEGISLATURE_START_YEAR',
  },
  fundedPlaces: 'CORPS_FUNDED_PLACES',
  claimRetentionYears: 'CLAIM_RETENTION_YEARS',
  lifecycleTiming: 'LIFECYCLE_TIMING',
  alertWaves: 'ALERT_WAVES',
  crisisCentrePhone: 'CRISIS_CENTRE_PHONE',
  smsOriginationNumbers: 'SMS_ORIGINATION_NUMBERS',
  smsPartsPerSecond: 'SMS_PARTS_PER_SECOND',
  /** No stage sets it: the default is the training policy's. */
  trainingValidityYears: 'TRAINING_VALIDITY_YEARS',
} as const;

/** The stage's values of the parameters; an optional one left out is not set, and its reader's default applies. */
export interface ParameterValues {
  /** Unset, links point at the local runtime's default address. */
  publicBaseUrl?: string;
  /** Unset (the local runtime serves the pages and the API on one origin), answers carry no CORS headers. */
  consoleOrigin?: string;
  registrationPolicy: { allowedPhoneCountries: readonly string[]; spontaneousRegistrationCap: number };
  reportPrices?: { basic: number; refresher: number; simulation: number };
  fundedPlaces?: Record<string, number>;
  claimRetentionYears: number;
  lifecycleTiming?: LifecycleTiming;
  /** Unset, the default wave size applies (DEFAULT_WAVE_SIZE). */
  alertWaves?: AlertWaves;
  crisisCentrePhone?: string;
  smsPool: OriginationPool;
}

/** Where the granted resources are: names and ARNs in AWS (CDK tokens at synth), local names in the local runtime. */
export interface ResourceValues {
  tables: Partial<Record<TableName, string>>;
  smsJobsTopic?: string;
  stateMachine?: string;
  activationStateMachine?: string;
  attachmentsBucket?: string;
  userPool?: string;
  /** The salt's secret ARN in AWS; the local runtime gives the salt itself. */
  erasureLedgerSalt?: { secretArn: string } | { value: string };
  /** The SMS pool, configuration set and protect configuration, with the stage's price cap per message. */
  smsSending?: { pool: string; configurationSet: string; protectConfiguration: string; maxPriceUsd: string };
}

export interface StageValues {
  resources: ResourceValues;
  parameters: ParameterValues;
}

const required = <T>(value: T | undefined, what: string): T => {
  if (value === undefined) throw new Error(`${what} is needed but the stage gives none`);
  return value;
};

const parameterVariables = (
  name: ParameterName,
  values: ParameterValues,
): Record<string, string | undefined> => {
  switch (name) {
    case 'publicBaseUrl':
      return { [VARIABLES.publicBaseUrl]: values.publicBaseUrl };
    case 'consoleOrigin':
      return { [VARIABLES.consoleOrigin]: values.consoleOrigin };
    case 'registrationPolicy':
      return {
        [VARIABLES.allowedPhoneCountries]: values.registrationPolicy.allowedPhoneCountries.join(','),
        [VARIABLES.spontaneousRegistrationCap]: String(values.registrationPolicy.spontaneousRegistrationCap),
      };
    case 'reportPrices': {
      const prices = values.reportPrices;
      return {
        [VARIABLES.reportPrices.basic]: prices && String(prices.basic),
        [VARIABLES.reportPrices.refresher]: prices && String(prices.refresher),
        [VARIABLES.reportPrices.simulation]: prices && String(prices.simulation),
      };
    }
    case 'fundedPlaces':
      return { [VARIABLES.fundedPlaces]: values.fundedPlaces && JSON.stringify(values.fundedPlaces) };
    case 'claimRetentionYears':
      return { [VARIABLES.claimRetentionYears]: String(values.claimRetentionYears) };
    case 'lifecycleTiming':
      return {
        [VARIABLES.lifecycleTiming]: values.lifecycleTiming && JSON.stringify(values.lifecycleTiming),
      };
    case 'alertWaves':
      return { [VARIABLES.alertWaves]: values.alertWaves && JSON.stringify(values.alertWaves) };
    case 'crisisCentrePhone':
      return { [VARIABLES.crisisCentrePhone]: values.crisisCentrePhone };
    case 'smsPool':
      return {
        [VARIABLES.smsOriginationNumbers]: values.smsPool.numbers.join(','),
        [VARIABLES.smsPartsPerSecond]: String(values.smsPool.partsPerSecond),
      };
  }
};

const needVariables = (
  need: Need,
  { resources, parameters }: StageValues,
): Record<string, string | undefined> => {
  if ('table' in need)
    return {
      [VARIABLES.tables[need.table]]: required(resources.tables[need.table], `the ${need.table} table`),
    };
  if ('topic' in need)
    return { [VARIABLES.smsJobsTopic]: required(resources.smsJobsTopic, 'the SMS job topic') };
  // Resuming takes the execution's task token, not the state machine's ARN.
  if ('stateMachine' in need) {
    if (need.access === 'resume') return {};
    return need.stateMachine === 'lifecycle'
      ? { [VARIABLES.stateMachine]: required(resources.stateMachine, 'the state machine') }
      : {
          [VARIABLES.activationStateMachine]: required(
            resources.activationStateMachine,
            'the activation state machine',
          ),
        };
  }
  if ('bucket' in need)
    return { [VARIABLES.attachmentsBucket]: required(resources.attachmentsBucket, 'the attachment bucket') };
  // Cognito names the pool in each trigger event; the API functions that manage accounts must be told it.
  if ('userPool' in need)
    return need.access === 'read-app-clients'
      ? {}
      : { [VARIABLES.userPool]: required(resources.userPool, 'the user pool') };
  if ('secret' in need) {
    const salt = required(resources.erasureLedgerSalt, 'the erasure ledger salt');
    return 'value' in salt
      ? { [VARIABLES.erasureLedgerSalt]: salt.value }
      : { [VARIABLES.erasureLedgerSaltSecret]: salt.secretArn };
  }
  if ('sms' in need) {
    const sending = required(resources.smsSending, 'the SMS pool');
    return {
      [VARIABLES.sms.pool]: sending.pool,
      [VARIABLES.sms.configurationSet]: sending.configurationSet,
      [VARIABLES.sms.protectConfiguration]: sending.protectConfiguration,
      [VARIABLES.sms.maxPriceUsd]: sending.maxPriceUsd,
    };
  }
  return parameterVariables(need.parameter, parameters);
};

/** The environment a function with these needs is given: nothing more, so a need left out fails where it is used. */
export const environmentOf = (needs: readonly Need[], stage: StageValues): Record<string, string> =>
  Object.fromEntries(
    needs
      .flatMap((need) => Object.entries(needVariables(need, stage)))
      .filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
