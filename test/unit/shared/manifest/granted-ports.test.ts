import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../../../infra/constructs/handler-function';
import { environmentOf, type StageValues } from '../../../../shared/manifest/environment';
import { FUNCTIONS } from '../../../../shared/manifest/functions';
import { grantedPorts, type PortsOf } from '../../../../shared/manifest/granted-ports';
import { appends, queuesSms, reads, writes } from '../../../../shared/manifest/needs';

const STAGE: StageValues = {
  resources: {
    tables: { registry: 'reg', operations: 'ops', adHoc: 'adhoc', audit: 'audit' },
    smsJobsTopic: 'arn:topic',
  },
  parameters: {
    registrationPolicy: { allowedPhoneCountries: ['BE'], spontaneousRegistrationCap: 10 },
    claimRetentionYears: 5,
    smsPool: { numbers: ['+32460000001'], partsPerSecond: 1 },
  },
};

describe('the ports a manifest entry grants', () => {
  it('grants a repository only with the table its items live in, whatever the access', () => {
    expect(grantedPorts([reads('registry')])).toEqual(
      expect.arrayContaining(['municipalities', 'volunteers', 'trainings', 'groups', 'dutyRoster']),
    );
    expect(grantedPorts([reads('registry')])).not.toContain('helpRequests');
    expect(grantedPorts([writes('operations')])).toContain('helpRequests');
  });

  it('grants a port that needs two tables only when both are granted', () => {
    expect(grantedPorts([reads('operations')])).not.toContain('annualCounters');
    expect(grantedPorts([reads('operations'), reads('registry')])).toContain('annualCounters');
  });

  it('grants the SMS job queue only with the topic, and the clock and ids to every function', () => {
    expect(grantedPorts([])).toEqual(['smsTraces', 'metrics', 'clock', 'sleep', 'newId']);
    expect(grantedPorts([queuesSms])).toContain('smsJobs');
  });

  it('refuses, at compile time, a port the function is not granted', () => {
    const useAlerts = (ports: PortsOf<'getMunicipality'>) =>
      // @ts-expect-error GET /municipalities/{nis} reads the registry only: no alerts (Operations) for it.
      ports.alerts;
    const useQueue = (ports: PortsOf<'mobiliseMunicipality'>) => ports.smsJobs;
    expect([useAlerts, useQueue]).toHaveLength(2);
  });
});

describe('the environment a manifest entry gives its function', () => {
  it('names exactly the granted tables and topic, nothing else', () => {
    expect(environmentOf([writes('operations'), appends('audit'), queuesSms], STAGE)).toEqual({
      OPERATIONS_TABLE: 'ops',
      AUDIT_TABLE: 'audit',
      SMS_JOBS_TOPIC_ARN: 'arn:topic',
    });
  });

  it('refuses a need the stage has nothing for', () => {
    expect(() => environmentOf([reads('erasureLedger')], STAGE)).toThrow('the erasureLedger table');
  });

  it('leaves an optional parameter the stage does not set out, so its default applies', () => {
    expect(environmentOf([{ parameter: 'crisisCentrePhone' }], STAGE)).toEqual({});
  });

  it.each(Object.entries(FUNCTIONS))('points %s at an entry that exists', (_name, spec) => {
    expect(existsSync(path.join(PROJECT_ROOT, spec.entry))).toBe(true);
  });
});
