import type { DutyRoster } from '../schemas/duty-roster';

/** The coordinator at `level` of the roster: 0 is the one on duty, then the backups in order. */
export const coordinatorAtLevel = (roster: DutyRoster | undefined, level: number) =>
  level === 0 ? roster?.onDuty : roster?.backups[level - 1];
