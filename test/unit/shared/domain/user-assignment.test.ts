import { describe, expect, it } from 'vitest';
import { assignmentMarker, isAssignedByAdministrator } from '../../../../shared/domain/user-assignment';

const VOLUNTEER = '01JAAAAAAAAAAAAAAAAAAAAAAA';

describe('an assignment by an administrator', () => {
  it.each([
    [{ municipality: '44021' }, '44021/'],
    [{ volunteerId: VOLUNTEER }, `/${VOLUNTEER}`],
    [{ municipality: '44021', volunteerId: VOLUNTEER }, `44021/${VOLUNTEER}`],
  ])('is marked %j as %s, short enough for the 32-character attribute', (assignment, marker) => {
    expect(assignmentMarker(assignment)).toBe(marker);
    expect(marker.length).toBeLessThanOrEqual(32);
  });

  it.each([
    ['nothing assigned and no marker', {}, undefined, true],
    ['the marked municipality', { municipality: '44021' }, '44021/', true],
    ['a municipality without a marker', { municipality: '44021' }, undefined, false],
    ['a municipality other than the marked one', { municipality: '11002' }, '44021/', false],
    [
      'a volunteer id beside the marked municipality',
      { municipality: '44021', volunteerId: VOLUNTEER },
      '44021/',
      false,
    ],
    [
      'a marked volunteer id whose municipality was dropped',
      { volunteerId: VOLUNTEER },
      `44021/${VOLUNTEER}`,
      false,
    ],
  ])('accepts or refuses %s', (_why, assignment, marker, accepted) => {
    expect(isAssignedByAdministrator(assignment, marker)).toBe(accepted);
  });
});
