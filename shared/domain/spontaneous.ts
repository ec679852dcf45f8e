import type { Deployment } from '../schemas/deployment';
import type { HelpRequest, SpontaneousTotals } from '../schemas/help-request';
import type { SpontaneousRegistrationBody, SpontaneousVolunteer } from '../schemas/spontaneous';
import { Conflict, RuleViolation } from './errors';
import { canTakeSomeNeed } from './help-request';
import { assertMayJoin, INSURANCE_POLICY_REFERENCE, isMinor } from './volunteer';

/** No 0/O, 1/I/L or U/V look-alikes: the code is read aloud on radio and typed from posters. */
export const CALL_CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTWXYZ';
/** 29^10 ≈ 4·10^14 codes: unguessable behind the throttled registration route. */
export const CALL_CODE_LENGTH = 10;

const CALL_CODE = new RegExp(`^[${CALL_CODE_ALPHABET}]{${CALL_CODE_LENGTH}}$`);

/** A fresh public code; `randomIndex(n)` is a uniform, cryptographically strong integer in [0, n). */
export const newCallCode = (randomIndex: (size: number) => number): string =>
  Array.from(
    { length: CALL_CODE_LENGTH },
    () => CALL_CODE_ALPHABET[randomIndex(CALL_CODE_ALPHABET.length)],
  ).join('');

/** Codes are case-insensitive for people; anything that cannot be a code is simply unknown. */
export const normaliseCallCode = (code: string): string | undefined => {
  const upper = code.trim().toUpperCase();
  return CALL_CODE.test(upper) ? upper : undefined;
};

/** Only an open request whose launch allowed it gets a spontaneous call. */
export const assertCanOpenSpontaneousCall = (request: HelpRequest): void => {
  if (request.status === 'closed') throw new Conflict('the help request is closed');
  if (!request.spontaneousCallAllowed) {
    throw new RuleViolation(
      'spontaneous-call-not-allowed',
      'this help request was launched without a spontaneous call',
    );
  }
};

/**
 * Registrations one call takes unless the stage says otherwise: every one may cost an SMS, so a call cannot spend
 * the month's SMS budget on its own (the budget plans for this many per call).
 */
export const DEFAULT_SPONTANEOUS_REGISTRATION_CAP = 1000;

/** The call has taken as many citizens as its stage allows (a registration past it would cost an SMS unplanned). */
export const spontaneousCallFull = (cap: number): RuleViolation =>
  new RuleViolation('spontaneous-call-full', `this call has reached its ${cap} registrations`);

/**
 * Whether a call marked full under a cap of `fullAtCap` is full under `cap`: a cap raised since then
 * makes room again (the shards are tried once more), a lower or equal one does not.
 */
export const callMarkedFull = (fullAtCap: number | undefined, cap: number): boolean =>
  fullAtCap !== undefined && cap <= fullAtCap;

/** Days after registration the AdHoc TTL deletes what a purge somehow missed; the purge itself runs much sooner. */
export const SPONTANEOUS_TTL_DAYS = 180;

/** A citizen registering for one request: 16+, consent given, insured from registration like members. */
export const newSpontaneousVolunteer = (
  body: SpontaneousRegistrationBody,
  request: Pick<HelpRequest, 'id' | 'needs'>,
  context: { id: string; now: string; today: string },
): SpontaneousVolunteer => {
  assertMayJoin(body.birthDate, context.today, body.parentalConsent === true);
  const { consent: _consent, ...person } = body;
  return {
    ...person,
    id: context.id,
    requestId: request.id,
    consentAt: context.now,
    minor: isMinor(body.birthDate, context.today),
    insurance: { status: 'covered', policyReference: INSURANCE_POLICY_REFERENCE, coveredFrom: context.now },
    status: canTakeSomeNeed(body.birthDate, request.needs, context.today) ? 'alerted' : 'registered',
    registeredAt: context.now,
  };
};

/** Folds what the yearly report needs into counts before the people behind them are deleted. */
export const spontaneousTotals = (
  volunteers: Pick<SpontaneousVolunteer, 'id' | 'minor'>[],
  alerts: { volunteerId: string; response?: string }[],
  deployments: Pick<Deployment, 'volunteerId' | 'minutes' | 'periods'>[],
): SpontaneousTotals => {
  const ids = new Set(volunteers.map((v) => v.id));
  const theirs = deployments.filter((d) => ids.has(d.volunteerId));
  return {
    registered: volunteers.length,
    minors: volunteers.filter((v) => v.minor).length,
    accepted: alerts.filter((a) => ids.has(a.volunteerId) && a.response === 'accepted').length,
    checkedIn: theirs.filter((d) => d.periods.length > 0).length,
    minutesOnSite: theirs.reduce((sum, d) => sum + d.minutes, 0),
  };
};
