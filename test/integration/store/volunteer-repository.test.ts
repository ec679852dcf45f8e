import { beforeAll, describe, expect, it } from 'vitest';
import { Conflict } from '../../../shared/domain/errors';
import { VolunteerRepository } from '../../../shared/store/volunteer-repository';
import { aMobilePhone } from '../../builders/phone';
import { aVolunteer } from '../../builders/volunteer';
import { createTestTables } from '../../support/tables';

describe('VolunteerRepository on DynamoDB Local', () => {
  let volunteers: VolunteerRepository;
  beforeAll(async () => {
    await createTestTables();
    volunteers = new VolunteerRepository();
  });

  it('returns a registered volunteer by id and by phone number', async () => {
    const volunteer = aVolunteer({ phone: aMobilePhone(), email: 'an@example.be' });
    await volunteers.register(volunteer);

    expect(await volunteers.get(volunteer.id)).toEqual(volunteer);
    expect(await volunteers.findIdByPhone(volunteer.phone)).toBe(volunteer.id);
  });

  it('answers undefined for an id or a phone number nobody registered', async () => {
    expect(await volunteers.get('01JZNOBODY0000000000000000')).toBeUndefined();
    expect(await volunteers.findIdByPhone('+32499999999')).toBeUndefined();
  });

  it('lists and counts the corps of one municipality only', async () => {
    const mechelen = [
      aVolunteer({ municipality: '12025', phone: aMobilePhone() }),
      aVolunteer({ municipality: '12025', phone: aMobilePhone(), name: 'Bart Claes' }),
    ];
    const leuven = aVolunteer({ municipality: '24062', phone: aMobilePhone() });
    for (const volunteer of [...mechelen, leuven]) await volunteers.register(volunteer);

    const listed = await volunteers.listByMunicipality('12025');
    expect(listed.map((v) => v.id).sort()).toEqual(mechelen.map((v) => v.id).sort());
    expect(listed).toContainEqual(mechelen[0]);
    expect(await volunteers.countByMunicipality('12025')).toBe(2);
    expect(await volunteers.countByMunicipality('24062')).toBe(1);
    expect(await volunteers.countByMunicipality('11002')).toBe(0);
    expect(await volunteers.listByMunicipality('11002')).toEqual([]);
  });

  it('refuses a second volunteer with the same phone and writes nothing of it', async () => {
    const phone = aMobilePhone();
    const first = aVolunteer({ municipality: '44019', phone });
    const second = aVolunteer({ municipality: '44019', phone, name: 'Another Person' });
    await volunteers.register(first);

    await expect(volunteers.register(second)).rejects.toBeInstanceOf(Conflict);

    expect(await volunteers.get(second.id)).toBeUndefined();
    expect(await volunteers.countByMunicipality('44019')).toBe(1);
    expect(await volunteers.findIdByPhone(phone)).toBe(first.id);
  });

  it('refuses a second registration of the same id and does not claim the new phone number', async () => {
    const first = aVolunteer({ municipality: '44020', phone: aMobilePhone() });
    const again = { ...first, phone: aMobilePhone() };
    await volunteers.register(first);

    await expect(volunteers.register(again)).rejects.toBeInstanceOf(Conflict);

    expect(await volunteers.findIdByPhone(again.phone)).toBeUndefined();
    expect(await volunteers.get(first.id)).toEqual(first);
  });

  it('marks a volunteer who opts out as opted-out, and a second opt-out changes nothing', async () => {
    const volunteer = aVolunteer({ phone: aMobilePhone() });
    await volunteers.register(volunteer);

    await volunteers.optOut(volunteer.id);
    expect(await volunteers.get(volunteer.id)).toEqual({ ...volunteer, status: 'opted-out' });

    await volunteers.optOut(volunteer.id);
    expect((await volunteers.get(volunteer.id))?.status).toBe('opted-out');
  });

  it('does not create a volunteer record when an unknown id opts out', async () => {
    const id = '01JZUNKNOWNVOLUNTEER000000';

    await expect(volunteers.optOut(id)).rejects.toMatchObject({ name: 'ConditionalCheckFailedException' });
    expect(await volunteers.get(id)).toBeUndefined();
  });
});
