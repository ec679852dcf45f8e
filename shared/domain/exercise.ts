import { InvalidInput } from './errors';
import type { ProviderCharter } from './training';

/**
 * Drills: a help request launched with `exercise` runs the whole lifecycle as a real one, but says so in every SMS,
 * stays out of the yearly report's incident figures and credits each member checked in with the yearly simulation
 * exercise. A dry one sends nothing to real phones.
 */
export interface ExerciseOptions {
  exercise?: boolean;
  dry?: boolean;
  trainingProvider?: string;
}

/** `dry` and `trainingProvider` say how to run an exercise: on a real request they are a mistake, not a no-op. */
export const assertExerciseOptions = (body: ExerciseOptions): void => {
  if (body.exercise) return;
  for (const field of ['dry', 'trainingProvider'] as const) {
    if (body[field] !== undefined && body[field] !== false)
      throw new InvalidInput(field, `only an exercise takes "${field}": add "exercise": true`);
  }
};

/** Whose simulation exercise it is when the request names no provider: the Red Cross, which runs the drills. */
export const DEFAULT_EXERCISE_CHARTER: ProviderCharter = 'red-cross-flanders';

/** The provider an exercise credits when none is named: the first of the default charter, by id, if any. */
export const defaultExerciseProvider = (
  providers: readonly { id: string; charter: ProviderCharter }[],
): string | undefined =>
  providers
    .filter((p) => p.charter === DEFAULT_EXERCISE_CHARTER)
    .map((p) => p.id)
    .sort()[0];

/** A dry exercise's SMS never reach a phone: they are kept in the request's outbox. */
export const isDry = (request: ExerciseOptions): boolean => request.exercise === true && request.dry === true;

/** What an SMS template is told of the request: an exercise's SMS carry the mark. */
export const exerciseMark = (request: ExerciseOptions): { exercise?: true } =>
  request.exercise ? { exercise: true } : {};

/** What an SMS job of the request carries: a dry exercise's go to the outbox, never to the provider. */
export const dryJob = (request: ExerciseOptions): { dry?: true } => (isDry(request) ? { dry: true } : {});
