import { describe, expect, it } from 'vitest';
import { DEFAULT_WAVE_SIZE, pickWave, waveQuota } from '../../../../shared/domain/waves';
import { aHelpRequest } from '../../../builders/help-request-record';
import { aVolunteer } from '../../../builders/volunteer';

const on = { today: '2026-03-01', validityYears: 3 };
const corps = (n: number, overrides: Parameters<typeof aVolunteer>[0] = {}) =>
  Array.from({ length: n }, () => aVolunteer(overrides));
const QUALIFIED = { qualifiedSince: '2025-06-01', skills: ['medical' as const] };

describe('waveQuota', () => {
  it('asks three times what a task lacks, and at least ten', () => {
    expect(waveQuota(2, DEFAULT_WAVE_SIZE)).toBe(10);
    expect(waveQuota(4, DEFAULT_WAVE_SIZE)).toBe(12);
    expect(waveQuota(1, { multiplier: 5, minimum: 1 })).toBe(5);
  });
});

describe('pickWave', () => {
  it('takes the ten best-ranked of a corps of 80 for a request for 2', () => {
    const ranked = corps(80);
    const request = aHelpRequest({ needs: [{ task: 'logistics', volunteers: 2, adultsOnly: false }] });
    expect(pickWave(request, ranked, [], DEFAULT_WAVE_SIZE, on)).toEqual(ranked.slice(0, 10));
  });

  it('sizes the next wave on what is still lacking: one of 5 accepted, so 12 more', () => {
    const request = aHelpRequest({ needs: [{ task: 'logistics', volunteers: 5, adultsOnly: false }] });
    request.counts.byTask = { logistics: { needed: 5, accepted: 1 } };
    request.counts.accepted = 1;
    expect(pickWave(request, corps(40), [], DEFAULT_WAVE_SIZE, on)).toHaveLength(12);
  });

  it('fills each task with people who can take it, a qualified member counting toward the task only they can take', () => {
    const medics = corps(12, QUALIFIED);
    const others = corps(20);
    const request = aHelpRequest({
      needs: [
        { task: 'logistics', volunteers: 1, adultsOnly: false },
        { task: 'medical', volunteers: 1, adultsOnly: false },
      ],
    });
    const wave = pickWave(request, [...medics, ...others], [], DEFAULT_WAVE_SIZE, on);
    // The first ten medics fill the medical quota; the two left over and eight others fill logistics.
    expect(wave).toEqual([...medics, ...others.slice(0, 8)]);
  });

  it('skips a candidate no task with room can take: minors for an adults-only task', () => {
    const minors = corps(5, { birthDate: '2009-06-01' });
    const adults = corps(12);
    const request = aHelpRequest({ needs: [{ task: 'logistics', volunteers: 1, adultsOnly: true }] });
    expect(pickWave(request, [...minors, ...adults], [], DEFAULT_WAVE_SIZE, on)).toEqual(adults.slice(0, 10));
  });

  it('tops up a wave a retried step already began instead of sending a second one', () => {
    const ranked = corps(30);
    const request = aHelpRequest({ needs: [{ task: 'logistics', volunteers: 2, adultsOnly: false }] });
    const alreadyInWave = ranked.slice(0, 7);
    expect(pickWave(request, ranked.slice(7), alreadyInWave, DEFAULT_WAVE_SIZE, on)).toEqual(
      ranked.slice(7, 10),
    );
  });

  it('sends nothing when every task has enough', () => {
    const request = aHelpRequest({ needs: [{ task: 'logistics', volunteers: 1, adultsOnly: false }] });
    request.counts.byTask = { logistics: { needed: 1, accepted: 1 } };
    request.counts.accepted = 1;
    expect(pickWave(request, corps(10), [], DEFAULT_WAVE_SIZE, on)).toEqual([]);
  });
});
