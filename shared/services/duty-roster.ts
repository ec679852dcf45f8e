import { assertCanCoordinate } from '../domain/access';
import { NotFound } from '../domain/errors';
import type { Identity } from '../domain/identity';
import type { Ports } from '../ports';
import type { DutyRoster, StoredDutyRoster } from '../schemas/duty-roster';

export const putDutyRoster = async (
  ports: Pick<Ports, 'dutyRoster' | 'clock'>,
  who: Identity,
  roster: DutyRoster,
): Promise<StoredDutyRoster> => {
  assertCanCoordinate(who);
  return ports.dutyRoster.put(roster, who, ports.clock.now().toISOString());
};

export const getDutyRoster = async (
  ports: Pick<Ports, 'dutyRoster'>,
  who: Identity,
): Promise<StoredDutyRoster> => {
  assertCanCoordinate(who);
  const roster = await ports.dutyRoster.get();
  if (!roster) throw new NotFound('duty roster');
  return roster;
};
