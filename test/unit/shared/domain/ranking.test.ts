import { describe, expect, it } from 'vitest';
import { rankCandidates, recentDeployments } from '../../../../shared/domain/ranking';
import { aVolunteer } from '../../../builders/volunteer';

const request = {
  needs: [{ task: 'medical' as const, volunteers: 2, adultsOnly: false }],
  location: { postcode: '9000' },
};
const names = (volunteers: { name: string }[]) => volunteers.map((v) => v.name);

describe('rankCandidates', () => {
  it('puts those inside their weekly availability before any other, as an urgent request alerts both', () => {
    const mondayNoon = new Date('2026-11-23T11:00:00Z');
    const eveningMedic = aVolunteer({
      name: 'evening medic',
      skills: ['medical'],
      homePostcode: '9000',
      availability: [{ days: ['mon'], from: '18:00', until: '23:00' }],
    });
    const anytime = aVolunteer({ name: 'anytime, far, unskilled', homePostcode: '3500' });
    expect(names(rankCandidates([eveningMedic, anytime], request, new Map(), mondayNoon))).toEqual([
      'anytime, far, unskilled',
      'evening medic',
    ]);
    expect(names(rankCandidates([eveningMedic, anytime], request))).toEqual([
      'evening medic',
      'anytime, far, unskilled',
    ]);
  });

  it('puts volunteers with a skill the tasks need first, whatever the distance', () => {
    const nearby = aVolunteer({ name: 'nearby logistics', skills: ['logistics'], homePostcode: '9000' });
    const far = aVolunteer({ name: 'far medic', skills: ['medical'], homePostcode: '3500' });
    expect(names(rankCandidates([nearby, far], request))).toEqual(['far medic', 'nearby logistics']);
  });

  it('then the nearest home postcode, unknown postcodes last', () => {
    const unknown = aVolunteer({ name: 'unknown', skills: ['medical'] });
    const gentbrugge = aVolunteer({ name: 'Gentbrugge', skills: ['medical'], homePostcode: '9050' });
    const gent = aVolunteer({ name: 'Gent', skills: ['medical'], homePostcode: '9000' });
    const aalst = aVolunteer({ name: 'Aalst', skills: ['medical'], homePostcode: '9300' });
    expect(names(rankCandidates([unknown, aalst, gentbrugge, gent], request))).toEqual([
      'Gent',
      'Gentbrugge',
      'Aalst',
      'unknown',
    ]);
  });

  it('then the fewest recent deployments, then the longest-serving', () => {
    const busy = aVolunteer({
      name: 'busy',
      skills: ['medical'],
      homePostcode: '9000',
      registeredAt: '2025-01-01T00:00:00Z',
    });
    const rested = aVolunteer({
      name: 'rested',
      skills: ['medical'],
      homePostcode: '9000',
      registeredAt: '2025-06-01T00:00:00Z',
    });
    const senior = aVolunteer({
      name: 'senior',
      skills: ['medical'],
      homePostcode: '9000',
      registeredAt: '2024-01-01T00:00:00Z',
    });
    const deployments = new Map([[busy.id, 3]]);
    expect(names(rankCandidates([busy, rested, senior], request, deployments))).toEqual([
      'senior',
      'rested',
      'busy',
    ]);
  });

  it('keeps every candidate exactly once', () => {
    const volunteers = Array.from({ length: 30 }, (_, i) =>
      aVolunteer({
        name: `v${i}`,
        homePostcode: String(1000 + ((i * 337) % 8999)),
        skills: i % 3 ? ['medical'] : [],
      }),
    );
    const ranked = rankCandidates(volunteers, request);
    expect(new Set(ranked.map((v) => v.id))).toEqual(new Set(volunteers.map((v) => v.id)));
  });
});

describe('recentDeployments', () => {
  const now = new Date('2026-03-02T10:00:00.000Z');

  it('counts the check-ins of the 12 months up to now, and none for a member never deployed', () => {
    const deployed = aVolunteer({
      checkIns: [
        '2025-03-02T09:59:59.000Z', // just over 12 months ago
        '2025-03-02T10:00:00.000Z',
        '2026-01-15T08:00:00.000Z',
        '2026-03-02T09:00:00.000Z',
      ],
    });
    const never = aVolunteer();

    expect(recentDeployments([deployed, never], now)).toEqual(
      new Map([
        [deployed.id, 3],
        [never.id, 0],
      ]),
    );
  });
});
