import { beforeAll, describe, expect, it } from 'vitest';
import { Conflict } from '../../../shared/domain/errors';
import type { Municipality } from '../../../shared/schemas/municipality';
import { MunicipalityRepository } from '../../../shared/store/municipality-repository';
import { anIdentity } from '../../builders/identity';
import { createTestTables } from '../../support/tables';

const coordinator = anIdentity(['coordinator'], undefined, 'coordinator-1');

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

let municipalities: MunicipalityRepository;
beforeAll(async () => {
  await createTestTables();
  municipalities = new MunicipalityRepository();
});

describe('MunicipalityRepository.put on DynamoDB Local', () => {
  it('creates a profile that get returns as it was put', async () => {
    const aalst = aMunicipality({
      nis: '41002',
      name: 'Aalst',
      nameFr: 'Alost',
      arrondissement: 'Aalst',
      neighbours: ['41011'],
    });
    await municipalities.put(aalst, undefined, coordinator);

    expect(await municipalities.get('41002')).toEqual(aalst);
    expect(await municipalities.get('41011')).toBeUndefined();
  });

  it('refuses a second create of the same municipality, so a concurrent join cannot overwrite the first', async () => {
    const first = aMunicipality({ nis: '44019', neighbours: ['44021'] });
    const second = aMunicipality({ nis: '44019', neighbours: [], updatedAt: '2026-01-10T08:00:01.000Z' });
    await municipalities.put(first, undefined, coordinator);

    await expect(municipalities.put(second, undefined, coordinator)).rejects.toBeInstanceOf(Conflict);
    expect(await municipalities.get('44019')).toEqual(first);
  });

  it('updates the profile when the caller read the current one', async () => {
    const created = aMunicipality({ nis: '44020' });
    await municipalities.put(created, undefined, coordinator);
    const updated = { ...created, neighbours: ['44019', '44021'], updatedAt: '2026-02-01T12:00:00.000Z' };

    await municipalities.put(updated, created, coordinator);

    expect(await municipalities.get('44020')).toEqual(updated);
  });

  it('refuses an update based on a stale read (a lost update) and keeps the newer profile and neighbours', async () => {
    const created = aMunicipality({ nis: '44034' });
    await municipalities.put(created, undefined, coordinator);
    const newer = { ...created, neighbours: ['44021'], updatedAt: '2026-02-01T12:00:00.000Z' };
    await municipalities.put(newer, created, coordinator);
    const basedOnStaleRead = { ...created, neighbours: ['44083'], updatedAt: '2026-02-01T12:00:05.000Z' };

    await expect(municipalities.put(basedOnStaleRead, created, coordinator)).rejects.toBeInstanceOf(Conflict);
    expect(await municipalities.get('44034')).toEqual(newer);
    expect(await municipalities.neighbours('44083')).toEqual([]);
    expect(await municipalities.neighbours('44019')).not.toContain('44034');
  });

  it('refuses an update of a municipality that was never created', async () => {
    const neverCreated = aMunicipality({ nis: '44083' });
    await expect(municipalities.put(neverCreated, neverCreated, coordinator)).rejects.toBeInstanceOf(
      Conflict,
    );
    expect(await municipalities.get('44083')).toBeUndefined();
  });
});

describe('MunicipalityRepository neighbours on DynamoDB Local', () => {
  // Municipalities of Limburg, used by no other test of this file.
  const [A, B, C, D] = ['71002', '71004', '71011', '71016'] as const;
  const limburgs = (nis: string, neighbours: string[], updatedAt = '2026-01-10T08:00:00.000Z') =>
    aMunicipality({
      nis,
      name: nis,
      nameFr: nis,
      arrondissement: 'Hasselt',
      province: 'Limburg',
      neighbours,
      updatedAt,
    });

  it('makes the relation symmetric: the neighbours of A list A, whether they joined or not', async () => {
    await municipalities.put(limburgs(B, []), undefined, coordinator);
    const a = limburgs(A, [B, C]);

    await municipalities.put(a, undefined, coordinator);

    expect((await municipalities.get(A))?.neighbours).toEqual([B, C]);
    expect((await municipalities.get(B))?.neighbours).toEqual([A]);
    expect(await municipalities.neighbours(B)).toEqual([A]);
    expect(await municipalities.get(C)).toBeUndefined();
    expect(await municipalities.neighbours(C)).toEqual([A]);
  });

  it('removes the mirrored edge when A drops a neighbour, and keeps the others', async () => {
    const a = (await municipalities.get(A))!;
    const narrowed = { ...a, neighbours: [C], updatedAt: '2026-02-01T12:00:00.000Z' };

    await municipalities.put(narrowed, a, coordinator);

    expect((await municipalities.get(A))?.neighbours).toEqual([C]);
    expect((await municipalities.get(B))?.neighbours).toEqual([]);
    expect(await municipalities.neighbours(C)).toEqual([A]);
  });

  it('lists an edge B added towards A on A too, next to the ones A chose itself', async () => {
    const b = (await municipalities.get(B))!;

    await municipalities.put(
      { ...b, neighbours: [A, D], updatedAt: '2026-02-02T12:00:00.000Z' },
      b,
      coordinator,
    );

    expect((await municipalities.get(A))?.neighbours).toEqual([B, C]);
    expect(await municipalities.neighbours(D)).toEqual([B]);
  });

  it('refuses a put computed from a stale read and leaves every edge as the newer put left it', async () => {
    const first = limburgs(D, [B], '2026-03-01T10:00:00.000Z');
    await municipalities.put(first, undefined, coordinator);
    const second = { ...first, neighbours: [B, C], updatedAt: '2026-03-01T10:00:01.000Z' };
    await municipalities.put(second, first, coordinator);
    // A second editor read `first` too, and drops B.
    const stale = { ...first, neighbours: [], updatedAt: '2026-03-01T10:00:02.000Z' };

    await expect(municipalities.put(stale, first, coordinator)).rejects.toBeInstanceOf(Conflict);

    expect(await municipalities.get(D)).toEqual(second);
    expect(await municipalities.neighbours(B)).toContain(D);
    expect(await municipalities.neighbours(C)).toContain(D);
  });
});

describe('MunicipalityRepository requesters on DynamoDB Local', () => {
  const admin = anIdentity(['municipal-admin'], '44021', 'gent-admin');

  it('answers an empty list for a municipality that named nobody', async () => {
    expect(await municipalities.requesters('44021')).toEqual([]);
  });

  it('returns the officials put last, replacing the earlier list', async () => {
    await municipalities.putRequesters(
      '44021',
      ['gent-official-1', 'gent-official-2'],
      admin,
      '2026-03-01T10:00:00.000Z',
    );
    expect(await municipalities.requesters('44021')).toEqual(['gent-official-1', 'gent-official-2']);

    await municipalities.putRequesters('44021', ['gent-official-3'], admin, '2026-03-01T11:00:00.000Z');

    expect(await municipalities.requesters('44021')).toEqual(['gent-official-3']);
    expect(await municipalities.requesters('44019')).toEqual([]);
  });
});
