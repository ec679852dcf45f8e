import { assertCanReadRoster, assertCanRegisterVolunteer } from '../domain/access';
import { belgianDate } from '../domain/dates';
import { NotFound, RuleViolation } from '../domain/errors';
import type { Identity } from '../domain/identity';
import type { TrainingRecord } from '../domain/training';
import { newVolunteer } from '../domain/volunteer';
import type { Ports } from '../ports';
import type { Group, RegisterGroupBody } from '../schemas/group';
import type { RecordTrainingBody } from '../schemas/training';
import { requireJoined } from './registry';
import { recordTraining } from './training';

type GroupPorts = Pick<Ports, 'groups' | 'municipalities' | 'volunteers' | 'trainings' | 'clock' | 'newId'>;

/** A group joins with its contact and members; every member meets every rule a single volunteer must meet. */
export const registerGroup = async (
  ports: GroupPorts,
  who: Identity,
  nis: string,
  body: RegisterGroupBody,
): Promise<Group> => {
  assertCanRegisterVolunteer(who, nis);
  await requireJoined(ports, nis);
  const now = ports.clock.now();
  const id = ports.newId();
  const members = body.members.map((member, index) => {
    try {
      return newVolunteer(member, {
        id: ports.newId(),
        municipality: nis,
        now: now.toISOString(),
        today: belgianDate(now),
        groupId: id,
      });
    } catch (error) {
      // Say which member broke the rule, so the group can fix that one entry.
      if (error instanceof RuleViolation)
        throw new RuleViolation(error.rule, `members.${index}: ${error.message}`);
      throw error;
    }
  });
  const group: Group = {
    id,
    municipality: nis,
    name: body.name,
    kind: body.kind,
    contact: body.contact,
    memberIds: members.map((m) => m.id),
    registeredAt: now.toISOString(),
  };
  await ports.volunteers.registerGroup(group, members, who);
  return group;
};

export const listGroups = async (ports: GroupPorts, who: Identity, nis: string): Promise<Group[]> => {
  assertCanReadRoster(who, nis);
  return ports.groups.listByMunicipality(nis);
};

/** The group followed a course together: one record per current member. */
export const recordGroupTraining = async (
  ports: GroupPorts,
  who: Identity,
  groupId: string,
  body: RecordTrainingBody,
): Promise<TrainingRecord[]> => {
  const group = await ports.groups.get(groupId);
  if (!group) throw new NotFound('group');
  assertCanRegisterVolunteer(who, group.municipality);
  const current = (await ports.volunteers.listByMunicipality(group.municipality)).filter(
    (v) => v.groupId === groupId,
  );
  const records: TrainingRecord[] = [];
  for (const member of current) records.push(await recordTraining(ports, who, member.id, body));
  return records;
};
