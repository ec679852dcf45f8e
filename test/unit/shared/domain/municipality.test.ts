import { describe, expect, it } from 'vitest';
import { RuleViolation } from '../../../../shared/domain/errors';
import { joinMunicipality } from '../../../../shared/domain/municipality';
import type { Municipality } from '../../../../shared/schemas/municipality';

const GENT = '44021';
const NOW = '2025-09-01T10:00:00.000Z';

const ruleOf = (join: () => unknown): string | undefined => {
  try {
    join();
  } catch (error) {
    if (error instanceof RuleViolation) return error.rule;
    throw error;
  }
  return undefined;
};

describe('joinMunicipality', () => {
  it('takes name, French name, arrondissement and province from the official 2025 list', () => {
    expect(joinMunicipality(GENT, { neighbours: [] }, undefined, NOW)).toEqual({
      nis: '44021',
      name: 'Gent',
      nameFr: 'Gand',
      arrondissement: 'Gent',
      province: 'Oost-Vlaanderen',
      neighbours: [],
      joinedAt: NOW,
      updatedAt: NOW,
    });
  });

  it('uses the merged municipality of 2025 (Beveren-Kruibeke-Zwijndrecht, 46030)', () => {
    const joined = joinMunicipality('46030', { neighbours: [] }, undefined, NOW);
    expect(joined.name).toBe('Beveren-Kruibeke-Zwijndrecht');
    expect(joined.province).toBe('Oost-Vlaanderen');
    expect(joined).not.toHaveProperty('mergedFrom');
  });

  it.each([
    { nis: '21004', why: 'a Brussels municipality' },
    { nis: '62063', why: 'a Walloon municipality' },
    { nis: '46013', why: 'Kruibeke, merged away on 1 January 2025' },
    { nis: '99999', why: 'a made-up code' },
  ])('refuses to let $nis join ($why) with the unknown-municipality rule', ({ nis }) => {
    expect(ruleOf(() => joinMunicipality(nis, { neighbours: [] }, undefined, NOW))).toBe(
      'unknown-municipality',
    );
  });

  it('refuses a neighbour that is not on the official list with the unknown-municipality rule', () => {
    const join = () => joinMunicipality(GENT, { neighbours: ['44019', '44034'] }, undefined, NOW);
    expect(ruleOf(join)).toBe('unknown-municipality');
    expect(join).toThrow(/44034/);
    expect(join).not.toThrow(/44019/);
  });

  it('refuses a municipality as its own neighbour with the own-neighbour rule', () => {
    expect(ruleOf(() => joinMunicipality(GENT, { neighbours: ['44019', GENT] }, undefined, NOW))).toBe(
      'own-neighbour',
    );
  });

  it('deduplicates and sorts the neighbours', () => {
    const joined = joinMunicipality(
      GENT,
      { neighbours: ['44088', '44013', '44019', '44013', '44088', '44064'] },
      undefined,
      NOW,
    );
    expect(joined.neighbours).toEqual(['44013', '44019', '44064', '44088']);
  });

  it('keeps the original join date on an update and moves the update date', () => {
    const existing: Municipality = {
      ...joinMunicipality(GENT, { neighbours: ['44019'] }, undefined, '2025-01-10T08:00:00.000Z'),
    };
    const updated = joinMunicipality(GENT, { neighbours: ['44013'] }, existing, NOW);
    expect(updated.joinedAt).toBe('2025-01-10T08:00:00.000Z');
    expect(updated.updatedAt).toBe(NOW);
    expect(updated.neighbours).toEqual(['44013']);
  });

  it('restores the official name over a stale one on an update', () => {
    const existing: Municipality = {
      ...joinMunicipality(GENT, { neighbours: [] }, undefined, '2025-01-10T08:00:00.000Z'),
      name: 'Gand-Ville',
      province: 'Nowhere',
    };
    const updated = joinMunicipality(GENT, { neighbours: [] }, existing, NOW);
    expect(updated.name).toBe('Gent');
    expect(updated.province).toBe('Oost-Vlaanderen');
  });

  it('does not change the neighbours array it was given', () => {
    const neighbours = ['44088', '44013'];
    joinMunicipality(GENT, { neighbours }, undefined, NOW);
    expect(neighbours).toEqual(['44088', '44013']);
  });
});
