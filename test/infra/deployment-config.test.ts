import { readFileSync } from 'node:fs';
import { App } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../../infra/app';
import {
  DEPLOYMENT_CONFIG_FILE,
  loadDeploymentConfig,
  monthlySpendLimitUsd,
  parseDeploymentConfig,
  stageConfigOf,
} from '../../infra/config';
import { allMunicipalities } from '../../shared/reference/municipalities';

const committed = (): Json => JSON.parse(readFileSync(DEPLOYMENT_CONFIG_FILE, 'utf8'));
// biome-ignore lint/suspicious/noExplicitAny: the raw file is untyped JSON, edited by the tests.
type Json = any;

/** The committed file with one change made by `edit`. */
const editedConfig = (edit: (config: Json) => void): Json => {
  const config = committed();
  edit(config);
  return config;
};

describe('deployment configuration', () => {
  it('is valid as committed, with a production prod and a non-production dev', () => {
    const config = loadDeploymentConfig();
    expect(config.stages.prod.production).toBe(true);
    expect(config.stages.dev.production).toBe(false);
    // Told by SMS when nobody on the duty roster takes a request.
    expect(config.stages.prod.crisisCentrePhone).toMatch(/^\+32\d{9}$/);
    expect(config.stages.dev.crisisCentrePhone).toMatch(/^\+32\d{9}$/);
  });

  it("gives prod an SMS spend limit above two Flanders-wide activations of the README's cost model (2 × 1,200 USD)", () => {
    const prod = stageConfigOf(loadDeploymentConfig(), 'prod');
    expect(monthlySpendLimitUsd(prod.sms)).toBeGreaterThanOrEqual(2 * 15_000 * 0.08);
    // Belgium and its neighbours only, unless a stage says otherwise.
    expect(prod.allowedPhoneCountries).toEqual(['BE', 'NL', 'FR', 'DE', 'LU']);
  });

  it('fills what a stage leaves out with the defaults of the stage schema', () => {
    const config = parseDeploymentConfig(
      editedConfig((c) => {
        c.stages.dev = {
          account: '222222222222',
          region: 'eu-central-1',
          crisisCentrePhone: '+32499000112',
          signIn: { callbackUrls: ['https://dev.vrijwilligerskorps.vlaanderen/auth/callback'] },
        };
      }),
    );
    expect(config.stages.dev).toMatchObject({
      region: 'eu-central-1',
      production: false,
      apiThrottle: { rateLimit: 100, burstLimit: 200 },
      sms: { longCodes: 1, numberCountry: 'BE', partsPerSecondPerNumber: 10, maxPricePerMessageUsd: 0.25 },
      // Insurance files are kept five years after settlement or rejection unless a stage says otherwise.
      claimRetentionYears: 5,
    });
  });

  it('keeps prod’s insurance claims five years after their final status, as committed', () => {
    expect(stageConfigOf(loadDeploymentConfig(), 'prod').claimRetentionYears).toBe(5);
  });

  it.each<[string, (c: Json) => void, RegExp]>([
    [
      'a claim retention of less than a year',
      (c) => {
        c.stages.prod.claimRetentionYears = 0;
      },
      /stages\.prod\.claimRetentionYears/,
    ],
    [
      'a region outside the two allowed',
      (c) => {
        c.stages.prod.region = 'us-east-1';
      },
      /stages\.prod\.region/,
    ],
    [
      'a malformed account',
      (c) => {
        c.stages.dev.account = '1234';
      },
      /12-digit AWS account id[\s\S]*stages\.dev\.account/,
    ],
    [
      'a pool without long codes',
      (c) => {
        c.stages.prod.sms.longCodes = 0;
      },
      /stages\.prod\.sms\.longCodes/,
    ],
    [
      'a misspelt setting',
      (c) => {
        c.stages.prod.alarmEmail = ['ops@example.org'];
      },
      /alarmEmail/,
    ],
    [
      'a prod that is not production',
      (c) => {
        c.stages.prod.production = false;
      },
      /prod must be production[\s\S]*stages\.prod\.production/,
    ],
    [
      'a prod without alarm recipients',
      (c) => {
        c.stages.prod.alarmEmails = [];
      },
      /prod needs an alarm recipient/,
    ],
    [
      'a stage without a crisis-centre number',
      (c) => {
        delete c.stages.dev.crisisCentrePhone;
      },
      /stages\.dev\.crisisCentrePhone/,
    ],
    [
      'a crisis-centre number that is not a mobile number in E.164',
      (c) => {
        c.stages.prod.crisisCentrePhone = '02 506 47 11';
      },
      /E\.164[\s\S]*stages\.prod\.crisisCentrePhone/,
    ],
    [
      'a stage whose pages have no sign-in address',
      (c) => {
        c.stages.prod.signIn.callbackUrls = [];
      },
      /sign in to[\s\S]*stages\.prod\.signIn\.callbackUrls/,
    ],
    [
      'a sign-in address on a placeholder domain',
      (c) => {
        c.stages.dev.signIn.callbackUrls = ['https://example.com'];
      },
      /placeholder[\s\S]*stages\.dev\.signIn\.callbackUrls\[0\]/,
    ],
    [
      'a missing connection',
      (c) => {
        delete c.pipeline.connectionArn;
      },
      /pipeline\.connectionArn/,
    ],
    [
      'a negative aftercare window',
      (c) => {
        c.stages.prod.lifecycleTiming.aftercareWindowSeconds = -1;
      },
      /stages\.prod\.lifecycleTiming\.aftercareWindowSeconds/,
    ],
  ])('refuses %s, naming the setting', (_case, edit, message) => {
    expect(() => parseDeploymentConfig(editedConfig(edit))).toThrow(message);
  });

  it('takes a machine client for every one of the 285 Flemish municipalities in a deployed stage', () => {
    const clients = allMunicipalities().map((nis) => ({ name: `Crisis${nis}`, municipality: nis }));
    const config = parseDeploymentConfig(editedConfig((c) => (c.stages.prod.machineClients = clients)));
    expect(stageConfigOf(config, 'prod').machineClients).toHaveLength(285);
  });

  it('lets context override the accounts and the source, validated like the file', () => {
    const config = parseDeploymentConfig(committed(), { prodAccount: '444444444444', branch: 'release' });
    expect(config.stages.prod.account).toBe('444444444444');
    expect(config.pipeline.branch).toBe('release');
    expect(() => parseDeploymentConfig(committed(), { devAccount: 'dev' })).toThrow(/stages\.dev\.account/);
  });

  it('stops `cdk synth -c pipeline=true` with the reason when an override is invalid', () => {
    const app = new App({ context: { pipeline: 'true', prodAccount: '42', 'aws:cdk:bundling-stacks': [] } });
    expect(() => buildApp(app)).toThrow(
      /Invalid .*deployment\.json \(context: prodAccount\):[\s\S]*stages\.prod\.account/,
    );
  });

  it('builds the developer Dev stage, without the pipeline, when not asked for it', () => {
    const { pipeline, dev } = buildApp(new App({ context: { 'aws:cdk:bundling-stacks': [] } }));
    expect(pipeline).toBeUndefined();
    expect(dev.node.path).toBe('Dev');
  });
});
