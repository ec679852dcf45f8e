import * as z from 'zod/mini';
import { oncePerEnvironment, readVariable } from '../config';
import { assertCanManageMunicipalities, assertCanRecordTraining } from '../domain/access';
import { belgianDate } from '../domain/dates';
import { RuleViolation } from '../domain/errors';
import type { Identity } from '../domain/identity';
import {
  assertRecordable,
  DEFAULT_VALIDITY_YEARS,
  isFunded,
  qualifiedSince,
  type TrainingRecord,
  type TrainingStatus,
  trainingStatus,
} from '../domain/training';
import { VARIABLES } from '../manifest/environment';
import type { Ports } from '../ports';
import type { PutTrainingProviderBody, RecordTrainingBody, TrainingProvider } from '../schemas/training';
import type { Volunteer } from '../schemas/volunteer';
import { getVolunteer } from './registry';

type TrainingPorts = Pick<Ports, 'trainings' | 'volunteers' | 'municipalities' | 'clock' | 'newId'>;

/** Providers that meet the quality charter (Red Cross Flanders, Vlaams Kruis, approved local organisations). */
export const putTrainingProvider = async (
  ports: TrainingPorts,
  who: Identity,
  id: string,
  body: PutTrainingProviderBody,
): Promise<TrainingProvider> => {
  assertCanManageMunicipalities(who);
  const provider = { id, ...body, updatedAt: ports.clock.now().toISOString() };
  await ports.trainings.putProvider(provider, who);
  return provider;
};

export const requireTrainingProvider = async (ports: Pick<Ports, 'trainings'>, id: string): Promise<void> => {
  if (!(await ports.trainings.getProvider(id)))
    throw new RuleViolation('unknown-training-provider', `${id} is not a provider of the quality charter`);
};

/** How often a course is recorded again when another course of the same member was recorded meanwhile. */
const STALE_QUALIFICATION_RETRIES = 5;

export const recordTraining = async (
  ports: TrainingPorts,
  who: Identity,
  volunteerId: string,
  body: RecordTrainingBody,
): Promise<TrainingRecord> => {
  const stored = await storeCourse(ports, who, volunteerId, body, ports.newId(), (volunteer) =>
    assertCanRecordTraining(who, volunteer),
  );
  if (stored === 'duplicate')
    throw new Error(`a training record of volunteer ${volunteerId} already existed`);
  return stored;
};

/**
 * A drill credits each member checked in with the yearly simulation exercise, once: the record takes the drill's id,
 * so a check-in retried, or repeated after a check-out, finds it there (undefined) and records nothing.
 */
export const creditExercise = async (
  ports: TrainingPorts,
  who: Identity,
  volunteerId: string,
  drill: { requestId: string; providerId: string; date: string },
): Promise<TrainingRecord | undefined> => {
  const course = { kind: 'simulation' as const, providerId: drill.providerId, date: drill.date };
  const stored = await storeCourse(ports, who, volunteerId, course, drill.requestId);
  return stored === 'duplicate' ? undefined : stored;
};

/**
 * Stores a course under `id`, funded as the member's courses so far say, with their qualification date; recorded
 * anew while other courses of the member land meanwhile. 'duplicate' when a course with that id is on record.
 */
const storeCourse = async (
  ports: TrainingPorts,
  who: Identity,
  volunteerId: string,
  body: RecordTrainingBody,
  id: string,
  authorise: (volunteer: Volunteer) => void = () => {},
): Promise<TrainingRecord | 'duplicate'> => {
  const now = ports.clock.now();
  for (let attempt = 1; ; attempt++) {
    const volunteer = await getVolunteer(ports, who, volunteerId);
    authorise(volunteer);
    await requireTrainingProvider(ports, body.providerId);
    assertRecordable(body.date, belgianDate(now), volunteer.birthDate);
    const existing = await ports.trainings.listForVolunteer(volunteerId);
    if (existing.some((r) => r.id === id)) return 'duplicate';
    const prior = volunteer.priorFirstAidCertificate?.date;
    const record: TrainingRecord = {
      id,
      ...body,
      funded: isFunded(body.kind, body.date, existing, prior !== undefined, volunteer.fundingSource),
      recordedAt: now.toISOString(),
    };
    const since = qualifiedSince([...existing, record], prior);
    const stored = await ports.trainings.record(
      volunteerId,
      record,
      who,
      { count: existing.length, ...(since ? { qualifiedSince: since } : {}) },
      {
        municipality: volunteer.municipality,
        priorCertificate: prior !== undefined,
        earlierBasic: existing.some((r) => r.kind === 'basic'),
      },
    );
    if (stored !== 'stale') return stored;
    if (attempt >= STALE_QUALIFICATION_RETRIES) {
      throw new Error(`the courses of volunteer ${volunteerId} kept changing while recording one`);
    }
  }
};

export type VolunteerWithTraining = Volunteer & { training: TrainingStatus };

/** How many calendar years a basic course or refresher keeps a member deployable (TRAINING_VALIDITY_YEARS). */
export const trainingValidityYears = oncePerEnvironment((env) =>
  readVariable(
    VARIABLES.trainingValidityYears,
    z._default(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(10)), DEFAULT_VALIDITY_YEARS),
    env,
  ),
);

/** A volunteer with what their courses add up to today: deployable, refresher and simulation due. */
export const withTrainingStatus = async (
  ports: Pick<Ports, 'trainings' | 'clock'>,
  volunteer: Volunteer,
): Promise<VolunteerWithTraining> => ({
  ...volunteer,
  training: trainingStatus({
    trainings: await ports.trainings.listForVolunteer(volunteer.id),
    ...(volunteer.priorFirstAidCertificate
      ? { priorCertificateDate: volunteer.priorFirstAidCertificate.date }
      : {}),
    today: belgianDate(ports.clock.now()),
    validityYears: trainingValidityYears(),
  }),
});
