import { ulid } from 'ulid';
import { beforeAll, describe, expect, it } from 'vitest';
import { NotFound } from '../../../shared/domain/errors';
import type { Volunteer } from '../../../shared/schemas/volunteer';
import {
  eraseVolunteer,
  getVolunteer,
  putMunicipality,
  registerVolunteer,
  updateVolunteer,
} from '../../../shared/services/registry';
import { handleInboundSms } from '../../../shared/services/sms';
import { putTrainingProvider, recordTraining } from '../../../shared/services/training';
import { AlertRepository } from '../../../shared/store/alert-repository';
import { registryKeys } from '../../../shared/store/keys/registry-keys';
import { VolunteerRepository } from '../../../shared/store/volunteer-repository';
import { aHelpRequest } from '../../builders/help-request-record';
import { anIdentity } from '../../builders/identity';
import { aNewMember, aRegistration } from '../../builders/registration';
import { createTestTables } from '../../support/tables';
import { scanTable, seedMembers, type TestPorts, testPorts } from '../ports';

const coordinator = anIdentity(['coordinator'], undefined, 'coordinator-1');

let ports: TestPorts;
let tables: Record<string, string>;
beforeAll(async () => {
  ({ tables } = await createTestTables());
  ports = testPorts();
  await putTrainingProvider(ports, coordinator, 'rode-kruis-vlaanderen', {
    name: 'Rode Kruis-Vlaanderen',
    charter: 'red-cross-flanders',
  });
});

const joined = async (nis: string) => {
  await putMunicipality(ports, coordinator, nis, { neighbours: [] });
  return nis;
};

const fundingOf = (volunteers: Volunteer[]) => ({
  flanders: volunteers.filter((v) => v.fundingSource === 'flanders').length,
  municipality: volunteers.filter((v) => v.fundingSource === 'municipality').length,
});

describe('eraseVolunteer and the corps counter with DynamoDB Local', () => {
  /** 80 Flanders-funded members and three the municipality pays for, registered out of seniority order. */
  const fullCorps = async (nis: string) => {
    const funded = await seedMembers(ports.volunteers, nis, 80, coordinator, '2025-01-01T08:00:00.000Z');
    const [newest, oldest, middle] = await ports.volunteers.registerMembers(
      nis,
      [
        aNewMember({ municipality: nis, registeredAt: '2025-09-03T08:00:00.000Z' }),
        aNewMember({ municipality: nis, registeredAt: '2025-09-01T08:00:00.000Z' }),
        aNewMember({ municipality: nis, registeredAt: '2025-09-02T08:00:00.000Z' }),
      ],
      coordinator,
    );
    return { funded, ownCost: { newest: newest!, oldest: oldest!, middle: middle! } };
  };

  it('gives the place of an erased Flanders-funded member to the longest-serving member the municipality pays for', async () => {
    const nis = await joined('12002');
    const { funded, ownCost } = await fullCorps(nis);
    expect(Object.values(ownCost).map((v) => v.fundingSource)).toEqual(Array(3).fill('municipality'));

    await eraseVolunteer(ports, coordinator, funded[10]!.id);

    expect((await ports.volunteers.get(ownCost.oldest.id))?.fundingSource).toBe('flanders');
    expect((await ports.volunteers.get(ownCost.middle.id))?.fundingSource).toBe('municipality');
    expect((await ports.volunteers.get(ownCost.newest.id))?.fundingSource).toBe('municipality');
    expect(await ports.volunteers.corps(nis)).toMatchObject({ members: 82, funded: 80 });
    expect(fundingOf(await ports.volunteers.listByMunicipality(nis))).toEqual({
      flanders: 80,
      municipality: 2,
    });
  });

  it('moves no funded place when a member the municipality pays for is erased', async () => {
    const nis = await joined('12005');
    const { ownCost } = await fullCorps(nis);

    await eraseVolunteer(ports, coordinator, ownCost.oldest.id);

    expect(await ports.volunteers.corps(nis)).toMatchObject({ members: 82, funded: 80 });
    expect((await ports.volunteers.get(ownCost.middle.id))?.fundingSource).toBe('municipality');
    expect(fundingOf(await ports.volunteers.listByMunicipality(nis))).toEqual({
      flanders: 80,
      municipality: 2,
    });
  });

  it('frees a Flanders-funded place when nobody the municipality pays for can take it', async () => {
    const nis = await joined('12007');
    const members = await seedMembers(ports.volunteers, nis, 5, coordinator);

    await eraseVolunteer(ports, coordinator, members[0]!.id);

    expect(await ports.volunteers.corps(nis)).toMatchObject({ members: 4, funded: 4 });
    expect(await ports.volunteers.listByMunicipality(nis)).toHaveLength(4);
  });
});

describe('eraseVolunteer leaves no personal data behind, with DynamoDB Local', () => {
  const NAME = 'Zoë Vandermeulen-Uniek';
  const PHONE_NATIONAL = '0471 23 45 98';
  const PHONE_E164 = '+32471234598';
  const NOTE = 'kom samen met Zoë Vandermeulen-Uniek om 14u';
  const nis = '12009';
  const admin = anIdentity(['municipal-admin'], nis, 'duffel-admin');

  let erased: Volunteer;
  let other: Volunteer;
  let requestId: string;
  let otherBefore: { profile: unknown; trainings: unknown; note: unknown };

  const alertOf = async (volunteerId: string) =>
    (await ports.alerts.listForRequest(requestId)).find((a) => a.volunteerId === volunteerId);

  /** Every item of every table of the data stack, by table. */
  const everything = async () =>
    Object.fromEntries(
      await Promise.all(
        ['Registry', 'Operations', 'AdHoc', 'Audit', 'Idempotency'].map(
          async (name) => [name, await scanTable(tables[name]!)] as const,
        ),
      ),
    );

  beforeAll(async () => {
    await joined(nis);
    erased = await registerVolunteer(
      ports,
      admin,
      nis,
      aRegistration({ name: NAME, phone: PHONE_NATIONAL, email: 'zoe.uniek@example.be' }),
    );
    expect(erased.phone).toBe(PHONE_E164);
    other = await registerVolunteer(ports, admin, nis, aRegistration({ name: 'Bart Claes' }));
    for (const volunteer of [erased, other]) {
      await recordTraining(ports, admin, volunteer.id, {
        kind: 'basic',
        providerId: 'rode-kruis-vlaanderen',
        date: '2026-01-20',
      });
    }
    await recordTraining(ports, admin, erased.id, {
      kind: 'refresher',
      providerId: 'rode-kruis-vlaanderen',
      date: '2026-02-20',
    });
    await updateVolunteer(ports, admin, erased.id, {
      availabilityNotes: 'weekends',
      pausedUntil: '2026-03-01',
    });

    const request = aHelpRequest({ municipality: nis, municipalityName: 'Duffel', scope: [nis] });
    requestId = request.id;
    await ports.helpRequests.create(request);
    const alerts = [erased, other].map((v) => ({
      requestId,
      volunteerId: v.id,
      municipality: nis,
      code: String(1000 + [erased, other].indexOf(v)),
      smsStatus: 'sent' as const,
      createdAt: '2026-03-02T09:00:00.000Z',
    }));
    await ports.alerts.createMany(alerts);
    const inbound = (from: string, messageBody: string) => ({
      originationNumber: from,
      destinationNumber: '+32460000000',
      messageBody,
      inboundMessageId: ulid(),
    });
    expect(
      await handleInboundSms(ports, inbound(PHONE_E164, `JA 1000 ${NOTE}`), '2026-03-02T09:05:00.000Z'),
    ).toBe('recorded');
    expect(
      await handleInboundSms(
        ports,
        inbound(other.phone, 'JA 1001 breng zandzakken'),
        '2026-03-02T09:06:00.000Z',
      ),
    ).toBe('recorded');
    expect((await alertOf(erased.id))?.note).toBe(NOTE);

    otherBefore = {
      profile: await ports.volunteers.get(other.id),
      trainings: await ports.trainings.listForVolunteer(other.id),
      note: (await alertOf(other.id))?.note,
    };
    // Sanity: before the erasure the data is there to be found, so the scans below can tell.
    expect(JSON.stringify(await everything())).toContain(PHONE_E164);

    ports.clock.set('2026-03-03T12:00:00.000Z');
    await eraseVolunteer(ports, admin, erased.id);
  });

  it('leaves neither the name nor the phone number (E.164 or national form) in any item of any table', async () => {
    const tablesAfter = await everything();

    for (const [table, items] of Object.entries(tablesAfter)) {
      for (const item of items) {
        const text = JSON.stringify(item);
        for (const secret of [NAME, 'Vandermeulen', PHONE_E164, '0471234598', PHONE_NATIONAL, '471234598']) {
          expect(text, `${table} item ${item.pk}/${item.sk}`).not.toContain(secret);
        }
        expect(text, `${table} item ${item.pk}/${item.sk}`).not.toContain('zoe.uniek@example.be');
      }
    }
  });

  it('deletes the profile, the phone claim and the training records of the erased member', async () => {
    const registry = await scanTable(tables.Registry!);

    expect(registry.filter((item) => item.pk === registryKeys.volunteer(erased.id).pk)).toEqual([]);
    expect(registry.filter((item) => item.pk === registryKeys.phone(PHONE_E164).pk)).toEqual([]);
    expect(await ports.volunteers.get(erased.id)).toBeUndefined();
    expect(await ports.volunteers.findIdByPhone(PHONE_E164)).toBeUndefined();
    expect(await ports.trainings.listForVolunteer(erased.id)).toEqual([]);
  });

  it('removes the note the erased member left on an alert and keeps their answer in the counts', async () => {
    const alert = await alertOf(erased.id);

    expect(alert).not.toHaveProperty('note');
    expect(alert).toMatchObject({ response: 'accepted' });
    expect((await ports.helpRequests.get(requestId))?.counts).toMatchObject({ accepted: 2 });
  });

  it('keeps an anonymous record of the former member with the courses by kind, year and funding', async () => {
    const registry = await scanTable(tables.Registry!);
    const former = registry.filter(
      (item) => item.pk === `MUNI#${nis}` && String(item.sk).startsWith('FORMER#'),
    );

    expect(former).toHaveLength(1);
    const record = former[0]!;
    expect(record).toMatchObject({
      pk: `MUNI#${nis}`,
      municipality: nis,
      fundingSource: 'flanders',
      joinedYear: 2026,
      leftIn: '2026-03',
    });
    expect(record.trainings).toEqual(
      expect.arrayContaining([
        { kind: 'basic', year: 2026, funded: true },
        { kind: 'refresher', year: 2026, funded: true },
      ]),
    );
    expect(record.trainings).toHaveLength(2);
    const text = JSON.stringify(record);
    for (const personal of [erased.id, NAME, PHONE_E164, erased.birthDate])
      expect(text).not.toContain(personal);
    expect(record).not.toHaveProperty('name');
    expect(record).not.toHaveProperty('phone');
    expect(record).not.toHaveProperty('volunteerId');
  });

  it('leaves the other members of the corps as they were, and counts one member less', async () => {
    expect(await ports.volunteers.get(other.id)).toEqual(otherBefore.profile);
    expect(await ports.trainings.listForVolunteer(other.id)).toEqual(otherBefore.trainings);
    expect((await alertOf(other.id))?.note).toBe(otherBefore.note);
    expect(await ports.volunteers.findIdByPhone(other.phone)).toBe(other.id);
    expect(await ports.volunteers.corps(nis)).toMatchObject({ members: 1, funded: 1 });
    expect((await ports.volunteers.listByMunicipality(nis)).map((v) => v.id)).toEqual([other.id]);
  });

  it('answers NotFound to a second erasure of the same member, and changes nothing', async () => {
    const before = await scanTable(tables.Registry!);

    await expect(eraseVolunteer(ports, admin, erased.id)).rejects.toBeInstanceOf(NotFound);
    await expect(getVolunteer(ports, admin, erased.id)).rejects.toBeInstanceOf(NotFound);

    expect(await scanTable(tables.Registry!)).toEqual(before);
  });

  it('frees the phone number, so the person can register again later', async () => {
    const again = await registerVolunteer(
      ports,
      admin,
      nis,
      aRegistration({ name: NAME, phone: PHONE_E164 }),
    );

    expect(await ports.volunteers.findIdByPhone(PHONE_E164)).toBe(again.id);
    expect(again.id).not.toBe(erased.id);
  });
});

describe('eraseVolunteer when other changes land meanwhile, with DynamoDB Local', () => {
  /** The corps counter agrees with the members' own records, and no Flanders place is left free while someone pays. */
  const expectConsistentCorps = async (nis: string) => {
    const corps = await ports.volunteers.corps(nis);
    const members = await ports.volunteers.listByMunicipality(nis);
    expect(corps.members).toBe(members.length);
    expect(fundingOf(members)).toEqual({
      flanders: corps.funded,
      municipality: members.length - corps.funded,
    });
    expect(corps.funded).toBe(Math.min(members.length, 80));
  };

  const corpsWithTwoPaidByTheMunicipality = async (nis: string) => {
    await joined(nis);
    const funded = await seedMembers(ports.volunteers, nis, 80, coordinator, '2025-01-01T08:00:00.000Z');
    const [oldest, younger] = await ports.volunteers.registerMembers(
      nis,
      [
        aNewMember({ municipality: nis, registeredAt: '2025-09-01T08:00:00.000Z' }),
        aNewMember({ municipality: nis, registeredAt: '2025-09-02T08:00:00.000Z' }),
      ],
      coordinator,
    );
    return { funded, oldest: oldest!, younger: younger! };
  };

  it('keeps the counter true when a member is erased from a read taken before they were promoted', async () => {
    const nis = '12014';
    const { funded, oldest, younger } = await corpsWithTwoPaidByTheMunicipality(nis);
    // The erasure of `oldest` read their record (paid by the municipality) just before another erasure promoted them.
    const readBeforePromotion = (await ports.volunteers.get(oldest.id))!;
    await eraseVolunteer(ports, coordinator, funded[0]!.id);
    expect((await ports.volunteers.get(oldest.id))?.fundingSource).toBe('flanders');

    await ports.volunteers
      .erase(
        readBeforePromotion.id,
        () => ({ id: ulid(), reason: 'erased' }),
        coordinator,
        '2026-03-03T12:00:00.000Z',
      )
      .catch((error) => {
        // Refusing the stale erasure is correct too; what may never happen is a counter that lies.
        if (!(error instanceof Error && ['Conflict', 'NotFound'].includes(error.name))) throw error;
      });

    await expectConsistentCorps(nis);
    if (!(await ports.volunteers.get(oldest.id))) {
      expect((await ports.volunteers.get(younger.id))?.fundingSource).toBe('flanders');
    }
  });

  it('erases a Flanders-funded member whose chosen successor is erased at the same moment', async () => {
    const nis = '12026';
    const { funded, oldest, younger } = await corpsWithTwoPaidByTheMunicipality(nis);
    // The roster is read, then the successor it names is erased by someone else before the erasure is written.
    class RosterReadJustBeforeAnotherErasure extends VolunteerRepository {
      private raced = false;
      override async listByMunicipality(municipality: string) {
        const roster = await super.listByMunicipality(municipality);
        if (!this.raced) {
          this.raced = true;
          await eraseVolunteer(ports, coordinator, oldest.id);
        }
        return roster;
      }
    }
    const racing = { ...ports, volunteers: new RosterReadJustBeforeAnotherErasure() };

    await eraseVolunteer(racing, coordinator, funded[0]!.id);

    expect(await ports.volunteers.get(funded[0]!.id)).toBeUndefined();
    expect(await ports.volunteers.get(oldest.id)).toBeUndefined();
    expect((await ports.volunteers.get(younger.id))?.fundingSource).toBe('flanders');
    await expectConsistentCorps(nis);
  });

  it('still forgets the notes when the erasure is retried after failing half-way', async () => {
    const nis = '12029';
    await joined(nis);
    const admin = anIdentity(['municipal-admin'], nis, 'putte-admin');
    const volunteer = await registerVolunteer(ports, admin, nis, aRegistration());
    const request = aHelpRequest({ municipality: nis, municipalityName: 'Putte', scope: [nis] });
    await ports.helpRequests.create(request);
    const alert = {
      requestId: request.id,
      volunteerId: volunteer.id,
      municipality: nis,
      code: '4321',
      smsStatus: 'sent' as const,
      createdAt: '2026-03-02T09:00:00.000Z',
    };
    await ports.alerts.createMany([alert]);
    await ports.alerts.recordAnswer(alert, 'accepted', '2026-03-02T09:05:00.000Z', 'met mijn dochter Anke');
    // Forgetting the notes fails once (throttling, a timeout), after the member's records were deleted.
    class ThrottledOnce extends AlertRepository {
      private failed = false;
      override async forgetNotes(volunteerId: string) {
        if (!this.failed) {
          this.failed = true;
          throw new Error('ProvisionedThroughputExceededException');
        }
        return super.forgetNotes(volunteerId);
      }
    }
    const flaky = { ...ports, alerts: new ThrottledOnce() };

    await expect(eraseVolunteer(flaky, admin, volunteer.id)).rejects.toThrow('ProvisionedThroughput');
    // The client retries the erasure, as it would after a 500.
    await eraseVolunteer(flaky, admin, volunteer.id).catch((error) => {
      if (!(error instanceof NotFound)) throw error;
    });

    const after = (await ports.alerts.listForRequest(request.id)).find((a) => a.volunteerId === volunteer.id);
    expect(after).not.toHaveProperty('note');
    expect(JSON.stringify(await scanTable(tables.Operations!))).not.toContain('Anke');
  });
});
