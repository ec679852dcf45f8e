import { describe, expect, it } from 'vitest';
import { errorName, recoveryPlan } from '../../../../shared/domain/lifecycle-recovery';

describe('recoveryPlan', () => {
  it.each([
    ['AlertAndMobilise', 'mobilising', { outcome: 'continues', next: 'await-close', close: false }],
    ['AlertAndMobilise', 'requested', { outcome: 'continues', next: 'await-close', close: false }],
    ['AlertAndMobilise', 'closed', { outcome: 'closed', next: 'await-close', close: false }],
    ['AwaitClose', 'mobilising', { outcome: 'closed', next: 'stand-down', close: true }],
    ['StandDown', 'closed', { outcome: 'not-stood-down', next: 'aftercare', close: false }],
  ] as const)('after %s failed on a %s request: %o', (state, status, plan) => {
    expect(recoveryPlan(state, status)).toEqual(plan);
  });
});

describe('errorName', () => {
  it.each([
    ['ProvisionedThroughputExceededException', 'ProvisionedThroughputExceededException'],
    ['Lambda.ServiceException', 'Lambda.ServiceException'],
    ['States.TaskFailed', 'States.TaskFailed'],
    ['call An Peeters on +32470123456', 'UnknownError'],
    ['', 'UnknownError'],
    [undefined, 'UnknownError'],
    ['X'.repeat(81), 'UnknownError'],
  ])('keeps %s as %s', (raw, name) => {
    expect(errorName(raw)).toBe(name);
  });
});
