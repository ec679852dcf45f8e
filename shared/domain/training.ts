import { RuleViolation } from './errors';

/** Training rules of the concept note: a basic first-aid (EHBO) course, then a yearly refresher and simulation. */
export const TRAINING_KINDS = ['basic', 'refresher', 'simulation'] as const;
export type TrainingKind = (typeof TRAINING_KINDS)[number];

/** Only providers that meet the quality charter may give the courses. */
export const PROVIDER_CHARTERS = ['red-cross-flanders', 'vlaams-kruis', 'approved-local'] as const;
export type ProviderCharter = (typeof PROVIDER_CHARTERS)[number];

/** Default validity of a basic course or refresher: its own calendar year and the next one. */
export const DEFAULT_VALIDITY_YEARS = 2;

export interface TrainingRecord {
  id: string;
  kind: TrainingKind;
  providerId: string;
  /** The day the course was followed (YYYY-MM-DD, Belgian calendar). */
  date: string;
  /** Decided once, when recorded, and stored: later records never change what an earlier one was funded for. */
  funded: boolean;
  recordedAt: string;
}

export interface TrainingStatus {
  deployable: boolean;
  /** A basic course is on record (a prior certificate is not a course; it only counts towards `deployable`). */
  basicDone: boolean;
  /** The latest basic course, refresher or prior certificate: the date the validity runs from. */
  lastQualifyingDate?: string;
  refresherDueThisYear: boolean;
  simulationDueThisYear: boolean;
}

// Training years are calendar years, so comparing the YYYY part is enough.
const yearOf = (date: string): number => Number(date.slice(0, 4));

/**
 * Whether the subsidy pays for a course, given the volunteer's records so far. Flanders pays only for the members it
 * funds (the first 80, not those the municipality pays for); the basic course once, and never to someone who already
 * held a first-aid certificate; refresher and simulation once per calendar year each, and only on top of a basic
 * course or a certificate.
 */
export const isFunded = (
  kind: TrainingKind,
  date: string,
  existing: readonly TrainingRecord[],
  hasPriorCertificate: boolean,
  fundingSource: 'flanders' | 'municipality',
): boolean => {
  if (fundingSource !== 'flanders') return false;
  const funded = existing.filter((r) => r.kind === kind && r.funded);
  if (kind === 'basic') return !hasPriorCertificate && funded.length === 0;
  const grounded = hasPriorCertificate || existing.some((r) => r.kind === 'basic' && r.date <= date);
  return grounded && !funded.some((r) => yearOf(r.date) === yearOf(date));
};

// ISO dates sort as strings.
const latestQualifyingDate = (
  trainings: readonly Pick<TrainingRecord, 'kind' | 'date'>[],
  priorCertificateDate: string | undefined,
): string | undefined => {
  const qualifying = [
    ...trainings.filter((r) => r.kind === 'basic' || r.kind === 'refresher').map((r) => r.date),
    ...(priorCertificateDate ? [priorCertificateDate] : []),
  ];
  return qualifying.length ? qualifying.reduce((a, b) => (a > b ? a : b)) : undefined;
};

/**
 * The date a member's first-aid qualification runs from: the latest basic course, refresher or prior certificate,
 * once a basic course or a certificate is held (a refresher alone qualifies nobody). Kept on the member's profile,
 * so mobilisation can tell who may take medical and operational tasks without reading every training history.
 */
export const qualifiedSince = (
  trainings: readonly Pick<TrainingRecord, 'kind' | 'date'>[],
  priorCertificateDate?: string,
): string | undefined =>
  trainings.some((r) => r.kind === 'basic') || priorCertificateDate
    ? latestQualifyingDate(trainings, priorCertificateDate)
    : undefined;

/** Qualified on `today`: the qualification is at most `validityYears` calendar years old (today's year included). */
export const isQualified = (
  since: string | undefined,
  today: string,
  validityYears = DEFAULT_VALIDITY_YEARS,
): boolean => since !== undefined && since <= today && yearOf(since) > yearOf(today) - validityYears;

/**
 * Where a volunteer stands on `today`. Deployable needs a basic course or a prior certificate, and a basic
 * course, refresher or prior certificate within the last `validityYears` calendar years (today's included).
 */
export const trainingStatus = (input: {
  trainings: readonly TrainingRecord[];
  priorCertificateDate?: string;
  today: string;
  validityYears?: number;
}): TrainingStatus => {
  const { today, validityYears = DEFAULT_VALIDITY_YEARS } = input;
  // Only what had happened by `today` counts, so a status can also be asked for a past date (reports).
  const held = input.trainings.filter((r) => r.date <= today);
  const prior =
    input.priorCertificateDate && input.priorCertificateDate <= today
      ? input.priorCertificateDate
      : undefined;

  const basicDone = held.some((r) => r.kind === 'basic');
  const lastQualifyingDate = latestQualifyingDate(held, prior);
  const heldThisYear = (kind: TrainingKind) =>
    held.some((r) => r.kind === kind && yearOf(r.date) === yearOf(today));

  return {
    deployable: isQualified(qualifiedSince(held, prior), today, validityYears),
    basicDone,
    ...(lastQualifyingDate ? { lastQualifyingDate } : {}),
    refresherDueThisYear: !heldThisYear('refresher'),
    simulationDueThisYear: !heldThisYear('simulation'),
  };
};

/** A course is recorded after it took place, and in the volunteer's lifetime. */
export const assertRecordable = (date: string, today: string, birthDate: string): void => {
  if (date > today) {
    throw new RuleViolation(
      'training-date-in-future',
      'a course can only be recorded once it has taken place',
    );
  }
  if (date < birthDate) {
    throw new RuleViolation('training-before-birth', 'the course date is before the volunteer was born');
  }
};
