import type { RegisterVolunteerBody, Volunteer } from '../schemas/volunteer';
import { ADULT_AGE, ageOn, assertMinimumAge, assertPlausibleBirthDate } from './age';
import { Conflict, RuleViolation } from './errors';

/** The collective policy Red Cross Flanders holds for the corps: everyone registered is covered by it. */
export const INSURANCE_POLICY_REFERENCE = 'RKV-GVK-COLLECTIEF';

export const isMinor = (birthDate: string, today: string): boolean => ageOn(birthDate, today) < ADULT_AGE;

/** 16 or older (and born within living memory), and 16- or 17-year-olds only with their parents' consent: corps members and spontaneous volunteers. */
export const assertMayJoin = (birthDate: string, today: string, parentalConsent: boolean): void => {
  assertPlausibleBirthDate(birthDate, today);
  assertMinimumAge(birthDate, today);
  if (isMinor(birthDate, today) && !parentalConsent) {
    throw new RuleViolation(
      'parental-consent-required',
      "volunteers aged 16 or 17 need their parents' consent",
    );
  }
};

/** A new corps member, before the corps decides who funds them. */
export type NewVolunteer = Omit<Volunteer, 'fundingSource'>;

export const newVolunteer = (
  body: RegisterVolunteerBody,
  context: { id: string; municipality: string; now: string; today: string; groupId?: string },
): NewVolunteer => {
  assertMayJoin(body.birthDate, context.today, body.parentalConsent !== undefined);
  return {
    ...body,
    id: context.id,
    municipality: context.municipality,
    ...(context.groupId ? { groupId: context.groupId } : {}),
    status: 'active',
    ...(body.priorFirstAidCertificate ? { qualifiedSince: body.priorFirstAidCertificate.date } : {}),
    insurance: { status: 'covered', policyReference: INSURANCE_POLICY_REFERENCE, coveredFrom: context.now },
    registeredAt: context.now,
    updatedAt: context.now,
  };
};

/** Paused volunteers are not alerted up to and including their `pausedUntil` date. */
export const isPaused = (volunteer: Pick<Volunteer, 'pausedUntil'>, today: string): boolean =>
  volunteer.pausedUntil !== undefined && volunteer.pausedUntil >= today;

/**
 * The `pausedUntil` of a member who paused for `days` days from `today` (YYYY-MM-DD), today included; none for 0,
 * which resumes their alerts.
 */
export const pausedUntilFor = (today: string, days: number): string | null => {
  if (days === 0) return null;
  const until = new Date(`${today}T12:00:00Z`);
  until.setUTCDate(until.getUTCDate() + days - 1);
  return until.toISOString().slice(0, 10);
};

/** A member on site is under open insurance coverage: they are checked out before their data can be erased. */
export const assertNotOnSite = (volunteer: Pick<Volunteer, 'onSiteFor'>): void => {
  if (volunteer.onSiteFor !== undefined) {
    throw new Conflict(
      `the volunteer is checked in on help request ${volunteer.onSiteFor}: check them out first, then erase them`,
    );
  }
};
