/**
 * Alerts in waves: a request for two people texts the best-ranked few, not the whole corps. Each wave asks a
 * multiple of what every task still lacks; the next wave follows when the wave window passes without enough
 * acceptances, and only then does the request widen to the neighbouring corps.
 */
import type { HelpRequest } from '../schemas/help-request';
import type { LifecycleInput, AlertWaves as WaveSize } from '../schemas/lifecycle';
import type { Volunteer } from '../schemas/volunteer';
import { canTake, constraint, unmetNeeds } from './help-request';

/** The minimum reaches enough people for a small need when some are asleep or away. */
export const DEFAULT_WAVE_SIZE: WaveSize = { multiplier: 3, minimum: 10 };

/** How many alerts a task's wave sends. */
export const waveQuota = (missing: number, size: WaveSize): number =>
  Math.max(missing * size.multiplier, size.minimum);

type WaveRequest = Pick<HelpRequest, 'needs' | 'counts'>;
type Person = Pick<Volunteer, 'id' | 'birthDate' | 'qualifiedSince'>;

/**
 * The volunteers of this wave, in rank order: each candidate is taken while a task they can take still has room in
 * its quota, and counts toward the hardest such task to fill (so a medic is not spent on the sandbags' quota). Who
 * this wave alerted already (a retried step) fills the quotas first, so a retry tops the wave up, never doubles it.
 */
export const pickWave = <V extends Person>(
  request: WaveRequest,
  ranked: readonly V[],
  alreadyInWave: readonly Person[],
  size: WaveSize,
  on: { today: string; validityYears: number },
): V[] => {
  const room = new Map(
    unmetNeeds(request).map((need) => [need, waveQuota(need.volunteers - need.accepted, size)]),
  );
  const byDifficulty = [...room.keys()].sort((a, b) => constraint(b) - constraint(a));
  /** Takes one place for the person in the hardest task they can take that has room; false when none has. */
  const place = (person: Person): boolean => {
    const need = byDifficulty.find(
      (n) => (room.get(n) ?? 0) > 0 && canTake(person, n, on.today, on.validityYears),
    );
    if (need) room.set(need, (room.get(need) ?? 0) - 1);
    return need !== undefined;
  };
  for (const person of alreadyInWave) place(person);
  return ranked.filter(place);
};

/**
 * The execution's input with the wave window filled in (the response window when the stage sets none): the state
 * machine reads it by path and cannot default a missing field.
 */
export const withWaveWindow = (input: LifecycleInput): LifecycleInput => ({
  ...input,
  timing: {
    ...input.timing,
    waveWindowSeconds: input.timing.waveWindowSeconds ?? input.timing.responseWindowSeconds,
  },
});
