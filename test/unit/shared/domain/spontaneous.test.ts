import { describe, expect, it } from 'vitest';
import { Conflict, RuleViolation } from '../../../../shared/domain/errors';
import {
  assertCanOpenSpontaneousCall,
  CALL_CODE_ALPHABET,
  CALL_CODE_LENGTH,
  callMarkedFull,
  newCallCode,
  newSpontaneousVolunteer,
  normaliseCallCode,
  spontaneousTotals,
} from '../../../../shared/domain/spontaneous';
import { spontaneousRegistrationBodySchema } from '../../../../shared/schemas/spontaneous';
import { aHelpRequest } from '../../../builders/help-request-record';
import { aSpontaneousRegistration } from '../../../builders/spontaneous';

const TODAY = '2026-11-23';
const NOW = '2026-11-23T10:00:00.000Z';
const context = { id: '01JB0000000000000000000001', now: NOW, today: TODAY };
const anyNeed = aHelpRequest({ needs: [{ task: 'logistics', volunteers: 3, adultsOnly: false }] });
const adultsOnly = aHelpRequest({ needs: [{ task: 'operational', volunteers: 3, adultsOnly: true }] });

const ruleOf = (fn: () => unknown): string | undefined => {
  try {
    fn();
    return undefined;
  } catch (error) {
    return error instanceof RuleViolation ? error.rule : 'not a rule violation';
  }
};

describe('call codes', () => {
  it('has no characters people confuse: 0/O, 1/I/L, U/V', () => {
    for (const ambiguous of '01OILUV') expect(CALL_CODE_ALPHABET).not.toContain(ambiguous);
  });

  it('builds a code of the full length from the alphabet only, one random pick per character', () => {
    const picks: number[] = [];
    const code = newCallCode((size) => {
      picks.push(size);
      return picks.length % size;
    });
    expect(code).toHaveLength(CALL_CODE_LENGTH);
    expect(picks).toEqual(Array(CALL_CODE_LENGTH).fill(CALL_CODE_ALPHABET.length));
    expect([...code].every((c) => CALL_CODE_ALPHABET.includes(c))).toBe(true);
  });

  it('gives different codes for different random picks, so codes cannot be predicted from one another', () => {
    const first = newCallCode(() => 0);
    const second = newCallCode(() => 1);
    expect(first).not.toBe(second);
  });

  it.each([
    { input: 'abcdefghjk', expected: 'ABCDEFGHJK' },
    { input: ' 23456789AB ', expected: '23456789AB' },
    { input: 'ABCDEFGHJ', expected: undefined },
    { input: 'ABCDEFGHJKM', expected: undefined },
    { input: 'ABCDEFGHJ0', expected: undefined },
    { input: '../../etc', expected: undefined },
  ])('reads "$input" as $expected', ({ input, expected }) => {
    expect(normaliseCallCode(input)).toBe(expected);
  });
});

describe('a call marked full', () => {
  it.each([
    [undefined, 1000, false],
    [1000, 1000, true],
    [1000, 500, true],
    [1000, 1500, false],
  ])('marked full under a cap of %s is full under a cap of %i: %s', (markedFullAt, cap, full) => {
    expect(callMarkedFull(markedFullAt, cap)).toBe(full);
  });
});

describe('opening a spontaneous call', () => {
  it('refuses a request launched without a spontaneous call, by rule name', () => {
    expect(ruleOf(() => assertCanOpenSpontaneousCall(aHelpRequest({ spontaneousCallAllowed: false })))).toBe(
      'spontaneous-call-not-allowed',
    );
  });

  it('refuses a closed request with a conflict', () => {
    expect(() =>
      assertCanOpenSpontaneousCall(aHelpRequest({ spontaneousCallAllowed: true, status: 'closed' })),
    ).toThrow(Conflict);
  });

  it('allows an open request that allows it', () => {
    expect(() => assertCanOpenSpontaneousCall(aHelpRequest({ spontaneousCallAllowed: true }))).not.toThrow();
  });
});

describe('newSpontaneousVolunteer', () => {
  it('registers an adult for this one request, insured from registration, and drops the consent flag', () => {
    const volunteer = newSpontaneousVolunteer(aSpontaneousRegistration(), anyNeed, context);
    expect(volunteer).toMatchObject({
      id: context.id,
      requestId: anyNeed.id,
      status: 'alerted',
      minor: false,
      consentAt: NOW,
      registeredAt: NOW,
      insurance: { status: 'covered', coveredFrom: NOW },
    });
    expect(volunteer).not.toHaveProperty('consent');
  });

  it.each([
    { case: 'turns 16 tomorrow', birthDate: '2010-11-24', parentalConsent: true, rule: 'minimum-age' },
    { case: 'is 16 without parental consent', birthDate: '2010-11-23', rule: 'parental-consent-required' },
    { case: 'is 17 without parental consent', birthDate: '2009-11-24', rule: 'parental-consent-required' },
    {
      case: 'is 16 today with parental consent',
      birthDate: '2010-11-23',
      parentalConsent: true,
      rule: undefined,
    },
    { case: 'turned 18 today', birthDate: '2008-11-23', rule: undefined },
  ])('a citizen who $case: $rule', ({ birthDate, parentalConsent, rule }) => {
    const body = aSpontaneousRegistration({ birthDate, ...(parentalConsent ? { parentalConsent } : {}) });
    expect(ruleOf(() => newSpontaneousVolunteer(body, anyNeed, context))).toBe(rule);
  });

  it('registers a 16-year-old for an adults-only request without alerting them', () => {
    const body = aSpontaneousRegistration({ birthDate: '2010-01-01', parentalConsent: true });
    expect(newSpontaneousVolunteer(body, adultsOnly, context)).toMatchObject({
      status: 'registered',
      minor: true,
    });
    expect(newSpontaneousVolunteer(body, anyNeed, context)).toMatchObject({ status: 'alerted', minor: true });
  });

  it('refuses a registration without consent at the schema', () => {
    const result = spontaneousRegistrationBodySchema.safeParse({
      name: 'Sam',
      birthDate: '1990-01-01',
      phone: '0470 11 22 33',
      consent: false,
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path.join('.'))).toEqual(['consent']);
  });
});

describe('spontaneousTotals', () => {
  it('counts registrations, minors, acceptances, who was on site and their minutes, for this request only', () => {
    const totals = spontaneousTotals(
      [
        { id: 'a', minor: false },
        { id: 'b', minor: true },
        { id: 'c', minor: false },
      ],
      [
        { volunteerId: 'a', response: 'accepted' },
        { volunteerId: 'b', response: 'accepted' },
        { volunteerId: 'c', response: 'declined' },
        { volunteerId: 'member', response: 'accepted' },
      ],
      [
        { volunteerId: 'a', minutes: 95, periods: [{ from: 'x', to: 'y' }] },
        { volunteerId: 'b', minutes: 30, periods: [{ from: 'x', to: 'y' }] },
        { volunteerId: 'member', minutes: 600, periods: [{ from: 'x', to: 'y' }] },
      ],
    );
    expect(totals).toEqual({ registered: 3, minors: 1, accepted: 2, checkedIn: 2, minutesOnSite: 125 });
  });
});
