import { readFileSync } from 'node:fs';
import * as z from 'zod/mini';
import { DEFAULT_CLAIM_RETENTION_YEARS } from '../shared/domain/retention';
import { DEFAULT_SPONTANEOUS_REGISTRATION_CAP } from '../shared/domain/spontaneous';
import type { ParameterValues } from '../shared/manifest/environment';
import { officialMunicipality } from '../shared/reference/municipalities';
import { nisCodeSchema } from '../shared/schemas/common';
import { alertWavesSchema, lifecycleTimingSchema } from '../shared/schemas/lifecycle';
import { DEFAULT_PHONE_COUNTRIES, phoneCountrySchema } from '../shared/schemas/phone';

const crisisCentrePhoneSchema = z
  .string()
  .check(z.regex(/^\+324\d{8}$/, 'a Belgian mobile number in E.164 (+324…): it receives SMS'));
const accountSchema = z.string().check(z.regex(/^\d{12}$/, 'a 12-digit AWS account id'));
const regionSchema = z.enum(['eu-west-1', 'eu-central-1']);
/** Where managed login sends people back: https on a real domain, never a placeholder such as example.com. */
const redirectUrlSchema = z
  .url({ protocol: /^https$/, error: 'an https URL' })
  .check(
    z.refine(
      (url) => !URL.canParse(url) || !/(^|\.)example(\.(com|org|net))?$/.test(new URL(url).hostname),
      'a real address, not a placeholder domain',
    ),
  );
const throttleSchema = z.object({
  rateLimit: z.number().check(z.positive()),
  burstLimit: z.int().check(z.positive()),
});

/** Per-stage settings: ops change these, never the stacks' code. */
export const stageConfigSchema = z.object({
  stageName: z.string().check(z.regex(/^[A-Za-z][A-Za-z0-9-]*$/)),
  account: z.optional(accountSchema),
  region: z._default(regionSchema, 'eu-west-1'),
  /** Production keeps tables on deletion and protects them. */
  production: z._default(z.boolean(), false),
  lifecycleTiming: z.optional(lifecycleTimingSchema),
  /** How many members a wave of alerts reaches per task; unset, 3 × what the task lacks and at least 10. */
  alertWaves: z.optional(alertWavesSchema),
  alarmEmails: z._default(z.array(z.email()), []),
  /**
   * The crisis centre's mobile number (E.164), told by SMS when nobody on the duty roster acknowledges a request in
   * two rounds. Every deployed stage needs one; without it (a developer stack) only the alarm tells.
   */
  crisisCentrePhone: z.optional(crisisCentrePhoneSchema),
  logRetentionDays: z._default(z.int(), 90),
  /** Every method of the API stage: requests per second and burst. */
  apiThrottle: z._default(throttleSchema, { rateLimit: 100, burstLimit: 200 }),
  /**
   * Public routes that write (spontaneous registration): requests per second and burst for the method. A surge is
   * what this route is for: the country allow-list, the per-call cap and the WAF's per-address rule stop abuse, so
   * this only shields the account (production: 500/s, burst 1,000; a call still takes its cap and no more).
   */
  publicRegistrationThrottle: z._default(throttleSchema, { rateLimit: 50, burstLimit: 100 }),
  /**
   * WAF rates per client IP per 5 minutes (the WAF minimum is 10), each blocked past it: any request, and public
   * registrations (far above what carrier NAT puts behind one address: the WAF's token rules judge sessions instead).
   */
  firewall: z.prefault(
    z.object({
      requestsPerIp: z._default(z.int().check(z.minimum(10)), 1500),
      registrationsPerIp: z._default(z.int().check(z.minimum(10)), 300),
    }),
    {},
  ),
  /**
   * Municipal crisis software that launches and follows help requests without a person signing in: one Cognito
   * app client (client credentials) each, in a stack of its own, named `m2m-<nis>-<name>`: the token trigger binds
   * its tokens to that municipality. The municipal-admin still names the client's id as a requester.
   */
  machineClients: z
    ._default(
      z.array(
        z.object({
          name: z
            .string()
            .check(
              z.regex(
                /^[A-Za-z][A-Za-z0-9]{0,63}$/,
                'letters and digits, starting with a letter, at most 64',
              ),
            ),
          municipality: nisCodeSchema.check(
            z.refine(
              (nis) => officialMunicipality(nis) !== undefined,
              'a municipality of the official list of Flemish municipalities',
            ),
          ),
          /** Read-only clients follow requests; writers launch them too. */
          access: z._default(z.enum(['read', 'write']), 'write'),
        }),
      ),
      [],
    )
    .check(
      z.refine(
        (clients) => new Set(clients.map((c) => c.name)).size === clients.length,
        'client names must be unique',
      ),
    ),
  /**
   * The web pages' sign-in (Cognito managed login, authorization code with PKCE): addresses it may return to besides
   * the pages' own distribution, which is always admitted (a custom domain in front of it).
   */
  signIn: z.prefault(
    z.object({
      callbackUrls: z._default(z.array(redirectUrlSchema), []),
      logoutUrls: z._default(z.array(redirectUrlSchema), []),
    }),
    {},
  ),
  /** Prefix of the Cognito domain whose token endpoint machine clients use; unique per region across AWS. */
  authDomainPrefix: z.optional(z.string().check(z.regex(/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/))),
  /** The address citizens see in registration links (a custom domain); the web pages' distribution otherwise. */
  publicBaseUrl: z.optional(z.url()),
  /**
   * Euro per funded basic course, refresher and simulation: the variable subsidy in the yearly report. Unset, the
   * report prices them at 0 and says so; the targets keep the concept note's defaults (REPORT_TARGET_* to change).
   */
  reportUnitPricesEur: z.optional(
    z.object({
      basic: z.number().check(z.minimum(0)),
      refresher: z.number().check(z.minimum(0)),
      simulation: z.number().check(z.minimum(0)),
    }),
  ),
  /**
   * Places Flanders funds per corps from a year on (`{ "2027": 100 }`); years before the first keep the concept
   * note's 80. Told to the functions that register members or hand places over (CORPS_FUNDED_PLACES).
   */
  corpsFundedPlaces: z.optional(
    z.record(z.string().check(z.regex(/^\d{4}$/, 'a year')), z.int().check(z.minimum(0))),
  ),
  sms: z.prefault(
    z.object({
      /**
       * Dedicated long codes the Messaging stack requests for the stage's pool (two-way, AWS End User Messaging SMS),
       * in `numberCountry` (Belgium: no alphanumeric sender ID, long codes with two-way SMS).
       */
      longCodes: z._default(z.int().check(z.minimum(1), z.maximum(50)), 1),
      numberCountry: z._default(phoneCountrySchema, 'BE'),
      /** Message parts per second each number may send: the provider's limit per number (10 for a long code). */
      partsPerSecondPerNumber: z._default(z.int().check(z.positive()), 10),
      /**
       * The most one SMS may cost (USD, all its parts): the provider refuses a message that would cost more, so a
       * runaway message or an expensive route never goes out. Every template is one part.
       */
      maxPricePerMessageUsd: z._default(z.number().check(z.positive(), z.maximum(10)), 0.25),
      /**
       * The account's monthly SMS spend limit is derived from the month this stage plans for at worst: message parts
       * × price per part × a margin (see `monthlySpendLimitUsd`). Above the SNS quota it needs a limit increase first.
       */
      budget: z.prefault(
        z.object({
          plannedWorstCaseParts: z._default(z.int().check(z.positive()), 10),
          /** USD per part to a Belgian mobile (bench/prices.json's smsPart); check the AWS price list. */
          pricePerPartUsd: z._default(z.number().check(z.positive()), 0.08),
          /** Head room over the plan, so the month's last activation is not the one cut off. */
          margin: z._default(z.number().check(z.minimum(1)), 1.25),
        }),
        {},
      ),
    }),
    {},
  ),
  /** Countries whose mobile numbers the public registration takes (ISO codes): SMS go nowhere else. */
  allowedPhoneCountries: z._default(
    z.array(phoneCountrySchema).check(z.minLength(1)),
    DEFAULT_PHONE_COUNTRIES,
  ),
  /** Registrations one spontaneous call takes: each may cost an SMS, and the SMS budget plans for them. */
  spontaneousRegistrationCap: z._default(z.int().check(z.positive()), DEFAULT_SPONTANEOUS_REGISTRATION_CAP),
  /**
   * Years an insurance claim and its attachments are kept after it was settled or rejected (a legal obligation that
   * outlasts the claimant's erasure); then a daily function deletes them.
   */
  claimRetentionYears: z._default(z.int().check(z.minimum(1)), DEFAULT_CLAIM_RETENTION_YEARS),
});
export type StageConfig = z.output<typeof stageConfigSchema>;

/** The account's monthly SMS spend limit in whole USD (SNS takes an integer): the planned worst month, with margin. */
export const monthlySpendLimitUsd = ({ budget }: StageConfig['sms']): number =>
  Math.ceil(budget.plannedWorstCaseParts * budget.pricePerPartUsd * budget.margin);

/**
 * A stage the pipeline deploys: its name comes from its place in the file, its account is required (cross-account
 * deployments need it at synth) and unknown keys are refused, so a misspelt setting fails instead of being ignored.
 */
const deployedStageSchema = z.strictObject({
  ...z.omit(stageConfigSchema, { stageName: true }).shape,
  account: accountSchema,
  crisisCentrePhone: crisisCentrePhoneSchema,
  signIn: z.object({
    callbackUrls: z
      .array(redirectUrlSchema)
      .check(z.minLength(1, 'a deployed stage needs the address its pages sign in to')),
    logoutUrls: z._default(z.array(redirectUrlSchema), []),
  }),
});

/** Everything `cdk synth -c pipeline=true` needs: where the code comes from and the two stages it deploys. */
export const deploymentConfigSchema = z
  .strictObject({
    pipeline: z.strictObject({
      /** The tooling account that runs the pipeline; the stages' accounts trust it (`cdk bootstrap --trust`). */
      account: accountSchema,
      region: regionSchema,
      /** `owner/name` of the repository behind the CodeConnections connection. */
      repository: z.string().check(z.regex(/^[\w.-]+\/[\w.-]+$/, 'owner/name')),
      branch: z.string().check(z.minLength(1)),
      connectionArn: z
        .string()
        .check(
          z.regex(
            /^arn:aws:(codestar-connections|codeconnections):[a-z0-9-]+:\d{12}:connection\/[\w-]+$/,
            'a connection ARN',
          ),
        ),
    }),
    stages: z.strictObject({ dev: deployedStageSchema, prod: deployedStageSchema }),
  })
  .check(
    z.superRefine(({ stages }, ctx) => {
      if (!stages.prod.production)
        ctx.addIssue({
          code: 'custom',
          path: ['stages', 'prod', 'production'],
          message: 'prod must be production',
        });
      if (stages.dev.production)
        ctx.addIssue({
          code: 'custom',
          path: ['stages', 'dev', 'production'],
          message: 'dev must not be production',
        });
      if (stages.prod.alarmEmails.length === 0)
        ctx.addIssue({
          code: 'custom',
          path: ['stages', 'prod', 'alarmEmails'],
          message: 'prod needs an alarm recipient',
        });
    }),
  );
export type DeploymentConfig = z.output<typeof deploymentConfigSchema>;
export type DeployedStage = keyof DeploymentConfig['stages'];

/** The committed configuration of the pipeline and its stages (placeholder accounts until the real ones are set). */
export const DEPLOYMENT_CONFIG_FILE = new URL('./deployment.json', import.meta.url);

/** Settings that `cdk -c key=value` may override without editing the file (e.g. the real accounts). */
export interface DeploymentOverrides {
  pipelineAccount?: string;
  devAccount?: string;
  prodAccount?: string;
  connectionArn?: string;
  repository?: string;
  branch?: string;
}

const withOverrides = (raw: unknown, overrides: DeploymentOverrides): unknown => {
  if (typeof raw !== 'object' || raw === null) return raw;
  const {
    pipeline = {},
    stages = {},
    ...rest
  } = raw as { pipeline?: object; stages?: Record<string, object> };
  const defined = (entries: Record<string, string | undefined>) =>
    Object.fromEntries(Object.entries(entries).filter(([, value]) => value !== undefined));
  const { pipelineAccount, devAccount, prodAccount, ...source } = overrides;
  return {
    ...rest,
    pipeline: { ...pipeline, ...defined({ account: pipelineAccount, ...source }) },
    stages: {
      ...stages,
      dev: { ...stages.dev, ...defined({ account: devAccount }) },
      prod: { ...stages.prod, ...defined({ account: prodAccount }) },
    },
  };
};

/** Validates a deployment configuration; a bad one stops the synth with every problem and where it is. */
export const parseDeploymentConfig = (
  raw: unknown,
  overrides: DeploymentOverrides = {},
  source = 'the deployment configuration',
): DeploymentConfig => {
  const result = deploymentConfigSchema.safeParse(withOverrides(raw, overrides));
  if (!result.success) throw new Error(`Invalid ${source}:\n${z.prettifyError(result.error)}`);
  return result.data;
};

export const loadDeploymentConfig = (overrides: DeploymentOverrides = {}, file = DEPLOYMENT_CONFIG_FILE) => {
  const overridden = Object.keys(overrides);
  const source = overridden.length ? `${file.pathname} (context: ${overridden.join(', ')})` : file.pathname;
  return parseDeploymentConfig(JSON.parse(readFileSync(file, 'utf8')), overrides, source);
};

/** The stage settings of one deployed stage, named after it (`Dev`, `Prod`). */
export const stageConfigOf = (deployment: DeploymentConfig, stage: DeployedStage): StageConfig =>
  stageConfigSchema.parse({ ...deployment.stages[stage], stageName: stage === 'dev' ? 'Dev' : 'Prod' });

/** The stage's parameters as its functions are told them (shared/manifest/environment.ts). */
export const parameterValuesOf = (config: StageConfig): ParameterValues => ({
  ...(config.publicBaseUrl ? { publicBaseUrl: config.publicBaseUrl } : {}),
  registrationPolicy: {
    allowedPhoneCountries: config.allowedPhoneCountries,
    spontaneousRegistrationCap: config.spontaneousRegistrationCap,
  },
  ...(config.reportUnitPricesEur ? { reportPrices: config.reportUnitPricesEur } : {}),
  ...(config.corpsFundedPlaces ? { fundedPlaces: config.corpsFundedPlaces } : {}),
  claimRetentionYears: config.claimRetentionYears,
  ...(config.lifecycleTiming ? { lifecycleTiming: config.lifecycleTiming } : {}),
  ...(config.alertWaves ? { alertWaves: config.alertWaves } : {}),
  ...(config.crisisCentrePhone ? { crisisCentrePhone: config.crisisCentrePhone } : {}),
  // The numbers are the ones the Messaging stack requests: it fills them in.
  smsPool: { numbers: [], partsPerSecond: config.sms.partsPerSecondPerNumber },
});
