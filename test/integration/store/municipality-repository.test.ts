import { beforeAll, describe, expect, it } from 'vitest';
import type { Municipality } from '../../../shared/schemas/municipality';
import { MunicipalityRepository } from '../../../shared/store/municipality-repository';
import { createTestTables } from '../../support/tables';

const aMunicipality = (overrides: Partial<Municipality> = {}): Municipality => ({
  nis: '44021',
  name: 'Gent',
  nameFr: 'Gand',
  arrondissement: 'Gent',
  province: 'Oost-Vlaanderen',
  neighbours: ['44019'],
  joinedAt: '2026-01-10T08:00:00.000Z',
  updatedAt: '2026-01-10T08:00:00.000Z',
  ...overrides,
});

describe('MunicipalityRepository.put on DynamoDB Local', () => {
  let municipalities: MunicipalityRepository;
  beforeAll(async () => {
    await createTestTables();
    municipalities = new MunicipalityRepository();
  });

  it('creates a profile that get returns as it was put', async () => {
    const aalst = aMunicipality({ nis: '41002', name: 'Aalst', nameFr: 'Alost', arrondissement: 'Aalst' });
    await municipalities.put(aalst, undefined);

    expect(await municipalities.get('41002')).toEqual(aalst);
    expect(await municipalities.get('41011')).toBeUndefined();
  });

  it('refuses a second create of the same municipality, so a concurrent join cannot overwrite the first', async () => {
    const first = aMunicipality({ nis: '44019', neighbours: ['44021'] });
    const second = aMunicipality({ nis: '44019', neighbours: [], updatedAt: '2026-01-10T08:00:01.000Z' });
    await municipalities.put(first, undefined);

    await expect(municipalities.put(second, undefined)).rejects.toMatchObject({
      name: 'ConditionalCheckFailedException',
    });
    expect(await municipalities.get('44019')).toEqual(first);
  });

  it('updates the profile when the caller read the current updatedAt', async () => {
    const created = aMunicipality({ nis: '44020' });
    await municipalities.put(created, undefined);
    const updated = { ...created, neighbours: ['44019', '44021'], updatedAt: '2026-02-01T12:00:00.000Z' };

    await municipalities.put(updated, created.updatedAt);

    expect(await municipalities.get('44020')).toEqual(updated);
  });

  it('refuses an update based on a stale updatedAt (a lost update) and keeps the newer profile', async () => {
    const created = aMunicipality({ nis: '44034' });
    await municipalities.put(created, undefined);
    const newer = { ...created, neighbours: ['44021'], updatedAt: '2026-02-01T12:00:00.000Z' };
    await municipalities.put(newer, created.updatedAt);
    const basedOnStaleRead = { ...created, neighbours: [], updatedAt: '2026-02-01T12:00:05.000Z' };

    await expect(municipalities.put(basedOnStaleRead, created.updatedAt)).rejects.toMatchObject({
      name: 'ConditionalCheckFailedException',
    });
    expect(await municipalities.get('44034')).toEqual(newer);
  });

  it('refuses an update of a municipality that was never created', async () => {
    await expect(
      municipalities.put(aMunicipality({ nis: '44083' }), '2026-01-10T08:00:00.000Z'),
    ).rejects.toMatchObject({ name: 'ConditionalCheckFailedException' });
    expect(await municipalities.get('44083')).toBeUndefined();
  });
});
