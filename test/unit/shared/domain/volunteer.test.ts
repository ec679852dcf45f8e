import { describe, expect, it } from 'vitest';
import { RuleViolation } from '../../../../shared/domain/errors';
import {
  INSURANCE_POLICY_REFERENCE,
  isMinor,
  isPaused,
  newVolunteer,
} from '../../../../shared/domain/volunteer';
import { registerVolunteerBodySchema } from '../../../../shared/schemas/volunteer';

const TODAY = '2026-11-23';
const NOW = '2026-11-23T10:00:00.000Z';
const context = { id: '01JB0000000000000000000001', municipality: '44021', now: NOW, today: TODAY };
const body = (overrides: Record<string, unknown> = {}) =>
  registerVolunteerBodySchema.parse({
    name: 'Lotte',
    birthDate: '1999-02-03',
    phone: '0470 11 22 33',
    ...overrides,
  });

const ruleOf = (fn: () => unknown): string | undefined => {
  try {
    fn();
    return undefined;
  } catch (error) {
    return error instanceof RuleViolation ? error.rule : 'not a rule violation';
  }
};

describe('newVolunteer', () => {
  it('registers an adult as an active member, insured from the moment of registration', () => {
    const volunteer = newVolunteer(body(), context);
    expect(volunteer).toMatchObject({
      id: context.id,
      municipality: '44021',
      status: 'active',
      registeredAt: NOW,
    });
    expect(volunteer.insurance).toEqual({
      status: 'covered',
      policyReference: INSURANCE_POLICY_REFERENCE,
      coveredFrom: NOW,
    });
  });

  it.each([
    {
      case: 'turns 16 tomorrow',
      birthDate: '2010-11-24',
      parentalConsent: { recordedOn: TODAY },
      rule: 'minimum-age',
    },
    { case: 'is 17 without parental consent', birthDate: '2009-06-01', rule: 'parental-consent-required' },
    {
      case: 'is 17 with parental consent',
      birthDate: '2009-06-01',
      parentalConsent: { recordedOn: TODAY },
      rule: undefined,
    },
    {
      case: 'turns 16 today, with consent',
      birthDate: '2010-11-23',
      parentalConsent: { recordedOn: TODAY },
      rule: undefined,
    },
    { case: 'turns 18 today, without consent', birthDate: '2008-11-23', rule: undefined },
  ])('a volunteer who $case: $rule', ({ birthDate, parentalConsent, rule }) => {
    expect(
      ruleOf(() =>
        newVolunteer(body({ birthDate, ...(parentalConsent ? { parentalConsent } : {}) }), context),
      ),
    ).toBe(rule);
  });

  it('records the group a member joined with', () => {
    expect(newVolunteer(body(), { ...context, groupId: '01JB0000000000000000000009' }).groupId).toBe(
      '01JB0000000000000000000009',
    );
  });
});

describe('isMinor and isPaused', () => {
  it('calls a member a minor until their 18th birthday', () => {
    expect(isMinor('2008-11-24', TODAY)).toBe(true);
    expect(isMinor('2008-11-23', TODAY)).toBe(false);
  });

  it('pauses up to and including the pausedUntil date', () => {
    expect(isPaused({ pausedUntil: '2026-11-23' }, TODAY)).toBe(true);
    expect(isPaused({ pausedUntil: '2026-11-22' }, TODAY)).toBe(false);
    expect(isPaused({}, TODAY)).toBe(false);
  });
});
