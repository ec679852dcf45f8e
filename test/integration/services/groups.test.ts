import { beforeAll, describe, expect, it } from 'vitest';
import { Conflict, RuleViolation } from '../../../shared/domain/errors';
import { type RegisterGroupBody, registerGroupBodySchema } from '../../../shared/schemas/group';
import { listGroups, recordGroupTraining, registerGroup } from '../../../shared/services/groups';
import { putMunicipality, registerVolunteer } from '../../../shared/services/registry';
import { putTrainingProvider } from '../../../shared/services/training';
import { anIdentity } from '../../builders/identity';
import { aMobilePhone } from '../../builders/phone';
import { aRegistration } from '../../builders/registration';
import { createTestTables } from '../../support/tables';
import { scanTable, TestClock, type TestPorts, testPorts } from '../ports';

const coordinator = anIdentity(['coordinator'], undefined, 'coordinator-1');
const PROVIDER = 'vlaams-kruis';

let ports: TestPorts;
let registryTable: string;
beforeAll(async () => {
  registryTable = (await createTestTables()).tables.Registry!;
  ports = testPorts(new TestClock('2026-04-10T09:00:00.000Z'));
  await putTrainingProvider(ports, coordinator, PROVIDER, { name: 'Vlaams Kruis', charter: 'vlaams-kruis' });
});

const joined = async (nis: string) => {
  await putMunicipality(ports, coordinator, nis, { neighbours: [] });
  return { nis, admin: anIdentity(['municipal-admin'], nis, `admin-${nis}`) };
};

const aGroup = (members: Record<string, unknown>[]): RegisterGroupBody =>
  registerGroupBodySchema.parse({
    name: 'Scouts Sint-Jan',
    kind: 'scouts',
    contact: { name: 'Groepsleiding', phone: aMobilePhone() },
    members: members.map((m) => aRegistration(m)),
  });

describe('registerGroup with DynamoDB Local', () => {
  it('registers every member of a group as a volunteer of the corps, linked to the group record', async () => {
    const { nis, admin } = await joined('23002');
    const body = aGroup([{ name: 'Lid Een' }, { name: 'Lid Twee' }, { name: 'Lid Drie' }]);

    const group = await registerGroup(ports, admin, nis, body);

    const members = await ports.volunteers.listByMunicipality(nis);
    expect(members).toHaveLength(3);
    expect(members.every((v) => v.groupId === group.id)).toBe(true);
    expect(members.map((v) => v.name).sort()).toEqual(['Lid Drie', 'Lid Een', 'Lid Twee']);
    expect(await ports.groups.get(group.id)).toEqual(group);
    expect([...group.memberIds].sort()).toEqual(members.map((v) => v.id).sort());
    expect(await ports.volunteers.corps(nis)).toMatchObject({ members: 3, funded: 3 });
    expect(await listGroups(ports, admin, nis)).toEqual([group]);
  });

  it('adds the group to the members the corps already had', async () => {
    const { nis, admin } = await joined('23003');
    await registerVolunteer(ports, admin, nis, aRegistration());

    await registerGroup(ports, admin, nis, aGroup([{}, {}, {}]));

    expect(await ports.volunteers.corps(nis)).toMatchObject({ members: 4, funded: 4 });
  });

  it('refuses a group with a 15-year-old member, names that member, and writes nothing', async () => {
    const { nis, admin } = await joined('23009');
    const before = await scanTable(registryTable);
    const body = aGroup([{}, { birthDate: '2011-01-01' }, {}]);

    const refusal = registerGroup(ports, admin, nis, body);

    await expect(refusal).rejects.toBeInstanceOf(RuleViolation);
    await expect(refusal).rejects.toMatchObject({
      rule: 'minimum-age',
      message: expect.stringContaining('members.1'),
    });
    expect(await ports.volunteers.corps(nis)).toMatchObject({ members: 0, funded: 0 });
    expect(await ports.volunteers.listByMunicipality(nis)).toEqual([]);
    expect(await listGroups(ports, admin, nis)).toEqual([]);
    for (const member of body.members)
      expect(await ports.volunteers.findIdByPhone(member.phone)).toBeUndefined();
    expect(await scanTable(registryTable)).toEqual(before);
  });

  it('refuses a group one of whose members is registered already, and writes nothing of the group', async () => {
    const { nis, admin } = await joined('23016');
    const existing = await registerVolunteer(ports, admin, nis, aRegistration());
    const body = aGroup([{}, {}, { phone: existing.phone }]);
    const corpsBefore = await ports.volunteers.corps(nis);

    await expect(registerGroup(ports, admin, nis, body)).rejects.toBeInstanceOf(Conflict);

    expect(await ports.volunteers.corps(nis)).toEqual(corpsBefore);
    expect((await ports.volunteers.listByMunicipality(nis)).map((v) => v.id)).toEqual([existing.id]);
    expect(await listGroups(ports, admin, nis)).toEqual([]);
    expect(await ports.volunteers.findIdByPhone(body.members[0]!.phone)).toBeUndefined();
    expect(await ports.volunteers.findIdByPhone(existing.phone)).toBe(existing.id);
  });
});

describe('recordGroupTraining with DynamoDB Local', () => {
  it('records the course once for every member of the group and for nobody else', async () => {
    const { nis, admin } = await joined('23025');
    const outsider = await registerVolunteer(ports, admin, nis, aRegistration());
    const group = await registerGroup(ports, admin, nis, aGroup([{}, {}, {}]));

    const records = await recordGroupTraining(ports, admin, group.id, {
      kind: 'basic',
      providerId: PROVIDER,
      date: '2026-04-04',
    });

    expect(records).toHaveLength(3);
    for (const memberId of group.memberIds) {
      expect(await ports.trainings.listForVolunteer(memberId)).toEqual([
        expect.objectContaining({ kind: 'basic', date: '2026-04-04', funded: true }),
      ]);
    }
    expect(await ports.trainings.listForVolunteer(outsider.id)).toEqual([]);
  });
});
