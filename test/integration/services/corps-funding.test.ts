import { beforeAll, describe, expect, it } from 'vitest';
import type { Volunteer } from '../../../shared/schemas/volunteer';
import { getMunicipality, putMunicipality, registerVolunteer } from '../../../shared/services/registry';
import { VolunteerRepository } from '../../../shared/store/volunteer-repository';
import { anIdentity } from '../../builders/identity';
import { aNewMember, aRegistration } from '../../builders/registration';
import { createTestTables } from '../../support/tables';
import { seedMembers, type TestPorts, testPorts } from '../ports';

const coordinator = anIdentity(['coordinator'], undefined, 'coordinator-1');

let ports: TestPorts;
beforeAll(async () => {
  await createTestTables();
  ports = testPorts();
});

/** A municipality of its own per test, joined through the service so registrations are accepted. */
const joined = async (nis: string) => {
  await putMunicipality(ports, coordinator, nis, { neighbours: [] });
  return nis;
};

const fundingOf = (volunteers: Volunteer[]) => ({
  flanders: volunteers.filter((v) => v.fundingSource === 'flanders').length,
  municipality: volunteers.filter((v) => v.fundingSource === 'municipality').length,
});

describe('corps funding with DynamoDB Local', () => {
  it('funds the first 80 members registered one by one by Flanders and the 81st and 82nd by the municipality', async () => {
    const nis = await joined('11001');
    const sources: string[] = [];
    for (let i = 0; i < 82; i++) {
      sources.push((await registerVolunteer(ports, coordinator, nis, aRegistration())).fundingSource);
    }

    expect(sources.slice(0, 80)).toEqual(Array(80).fill('flanders'));
    expect(sources.slice(80)).toEqual(['municipality', 'municipality']);
    expect(await ports.volunteers.corps(nis)).toMatchObject({ members: 82, funded: 80 });
    expect(fundingOf(await ports.volunteers.listByMunicipality(nis))).toEqual({
      flanders: 80,
      municipality: 2,
    });
  });

  it('counts members and Flanders-funded places in corps exactly, and none for a corps nobody joined', async () => {
    const nis = await joined('11004');
    await seedMembers(ports.volunteers, nis, 3, coordinator);

    expect(await ports.volunteers.corps(nis)).toMatchObject({ members: 3, funded: 3 });
    expect(await ports.volunteers.corps('11018')).toMatchObject({ members: 0, funded: 0 });
  });

  it('splits a batch that crosses the 80th place: Flanders up to 80, the municipality after', async () => {
    const nis = await joined('11005');
    await seedMembers(ports.volunteers, nis, 70, coordinator);

    const batch = await ports.volunteers.registerMembers(
      nis,
      Array.from({ length: 15 }, () => aNewMember({ municipality: nis })),
      coordinator,
    );

    expect(batch.map((v) => v.fundingSource)).toEqual([
      ...Array(10).fill('flanders'),
      ...Array(5).fill('municipality'),
    ]);
    expect(await ports.volunteers.corps(nis)).toMatchObject({ members: 85, funded: 80 });
  });

  it('makes the corps operational from its 10th member', async () => {
    const nis = await joined('11008');
    await seedMembers(ports.volunteers, nis, 9, coordinator);
    expect((await getMunicipality(ports, coordinator, nis)).corps).toMatchObject({
      members: 9,
      operational: false,
    });

    await registerVolunteer(ports, coordinator, nis, aRegistration());

    expect((await getMunicipality(ports, coordinator, nis)).corps).toMatchObject({
      members: 10,
      operational: true,
    });
  });
});

describe('corps counter under concurrent registrations with DynamoDB Local', () => {
  it('counts every one of 20 simultaneous registrations in a new corps', async () => {
    const nis = await joined('11009');

    const registered = await Promise.all(
      Array.from({ length: 20 }, () =>
        ports.volunteers.registerMembers(nis, [aNewMember({ municipality: nis })], coordinator),
      ),
    );

    expect(registered.flat()).toHaveLength(20);
    expect(await ports.volunteers.corps(nis)).toMatchObject({ members: 20, funded: 20 });
    const stored = await ports.volunteers.listByMunicipality(nis);
    expect(stored).toHaveLength(20);
    expect(fundingOf(stored)).toEqual({ flanders: 20, municipality: 0 });
  });

  it('funds exactly 80 places when 12 members register at once next to 75 funded members', async () => {
    const nis = await joined('11013');
    await seedMembers(ports.volunteers, nis, 75, coordinator);
    expect(await ports.volunteers.corps(nis)).toMatchObject({ members: 75, funded: 75 });

    const registered = (
      await Promise.all(
        Array.from({ length: 12 }, () =>
          ports.volunteers.registerMembers(nis, [aNewMember({ municipality: nis })], coordinator),
        ),
      )
    ).flat();

    expect(fundingOf(registered)).toEqual({ flanders: 5, municipality: 7 });
    const corps = await ports.volunteers.corps(nis);
    expect(corps).toMatchObject({ members: 87, funded: 80 });
    const stored = await ports.volunteers.listByMunicipality(nis);
    expect(stored).toHaveLength(87);
    // The counter and the members' own records agree: no place funded twice, none lost.
    expect(fundingOf(stored)).toEqual({ flanders: corps.funded, municipality: 7 });
    expect(new Set(stored.map((v) => v.id)).size).toBe(87);
  });

  it('counts 4 simultaneous registrations around the 10th member, making the corps operational', async () => {
    const nis = await joined('11016');
    await seedMembers(ports.volunteers, nis, 8, coordinator);

    await Promise.all(
      Array.from({ length: 4 }, () => registerVolunteer(ports, coordinator, nis, aRegistration())),
    );

    expect(await ports.volunteers.corps(nis)).toMatchObject({ members: 12, funded: 12 });
    expect(await ports.volunteers.listByMunicipality(nis)).toHaveLength(12);
    expect((await getMunicipality(ports, coordinator, nis)).corps).toMatchObject({
      members: 12,
      operational: true,
    });
  });
});

describe('funded places set per year, and a member opting out and back in, with DynamoDB Local', () => {
  /** A corps whose year (2025, when seedMembers registers) funds 2 places, with `count` members one minute apart. */
  const corpsOfTwoPlaces = async (nis: string, count: number) => {
    await joined(nis);
    const volunteers = new VolunteerRepository(undefined, undefined, { 2025: 2 });
    return { volunteers, members: await seedMembers(volunteers, nis, count, coordinator) };
  };
  const funding = async (volunteers: VolunteerRepository, nis: string) =>
    Object.fromEntries(
      (await volunteers.listByMunicipality(nis)).map((v) => [
        v.registeredAt.slice(11, 16),
        `${v.status} ${v.fundingSource}`,
      ]),
    );

  it('funds as many members as the year’s configured places, and the municipality pays for the rest', async () => {
    const { volunteers, members } = await corpsOfTwoPlaces('11021', 3);

    expect(members.map((m) => m.fundingSource)).toEqual(['flanders', 'flanders', 'municipality']);
    expect(await volunteers.corps('11021')).toMatchObject({ members: 3, funded: 2 });
  });

  it('keeps a member who opts out in the corps, and hands their Flanders place to the longest-serving member the municipality pays for', async () => {
    const { volunteers, members } = await corpsOfTwoPlaces('11022', 4);

    expect(await volunteers.optOut(members[0]!.id, '2025-06-01T10:00:00.000Z')).toBe(true);

    expect(await funding(volunteers, '11022')).toEqual({
      '08:00': 'opted-out municipality',
      '08:01': 'active flanders',
      '08:02': 'active flanders',
      '08:03': 'active municipality',
    });
    expect(await volunteers.corps('11022')).toMatchObject({ members: 4, funded: 2 });
    expect((await getMunicipality(ports, coordinator, '11022')).corps).toMatchObject({
      members: 4,
      fundedMembers: 2,
      ownCostMembers: 2,
    });
  });

  it('frees the place when nobody the municipality pays for is left; the member rejoining takes it again', async () => {
    const { volunteers, members } = await corpsOfTwoPlaces('11023', 2);

    await volunteers.optOut(members[0]!.id, '2025-06-01T10:00:00.000Z');
    expect(await volunteers.corps('11023')).toMatchObject({ members: 2, funded: 1 });

    expect(await volunteers.rejoin(members[0]!.id, '2025-06-02T10:00:00.000Z')).toBe(true);
    expect(await funding(volunteers, '11023')).toEqual({
      '08:00': 'active flanders',
      '08:01': 'active flanders',
    });
    expect(await volunteers.corps('11023')).toMatchObject({ members: 2, funded: 2 });
    expect((await volunteers.get(members[0]!.id))?.optedOutAt).toBeUndefined();
  });

  it('has the municipality pay for a member rejoining when every place was handed over meanwhile', async () => {
    const { volunteers, members } = await corpsOfTwoPlaces('11024', 3);
    await volunteers.optOut(members[0]!.id, '2025-06-01T10:00:00.000Z');

    await volunteers.rejoin(members[0]!.id, '2025-06-02T10:00:00.000Z');

    expect(await funding(volunteers, '11024')).toEqual({
      '08:00': 'active municipality',
      '08:01': 'active flanders',
      '08:02': 'active flanders',
    });
    expect(await volunteers.corps('11024')).toMatchObject({ members: 3, funded: 2 });
  });

  it('changes nothing when an active member rejoins or an opted-out member opts out again', async () => {
    const { volunteers, members } = await corpsOfTwoPlaces('11025', 2);

    expect(await volunteers.rejoin(members[1]!.id, '2025-06-01T10:00:00.000Z')).toBe(false);
    await volunteers.optOut(members[0]!.id, '2025-06-01T10:00:00.000Z');
    expect(await volunteers.optOut(members[0]!.id, '2025-06-01T11:00:00.000Z')).toBe(false);

    expect((await volunteers.get(members[0]!.id))?.optedOutAt).toBe('2025-06-01T10:00:00.000Z');
    expect(await volunteers.corps('11025')).toMatchObject({ members: 2, funded: 1 });
  });
});
