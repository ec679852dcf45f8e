import { describe, expect, it } from 'vitest';
import { type AvailabilityWindow, availabilityAt } from '../../../../shared/domain/availability';

const isAvailableAt = (windows: readonly AvailabilityWindow[] | undefined, instant: Date) =>
  availabilityAt(instant)(windows);

const WEEKDAY_EVENINGS: AvailabilityWindow = {
  days: ['mon', 'tue', 'wed', 'thu', 'fri'],
  from: '18:00',
  until: '23:59',
};
const WEEKENDS: AvailabilityWindow = { days: ['sat', 'sun'], from: '00:00', until: '00:00' };
const NIGHTS: AvailabilityWindow = { days: ['fri'], from: '22:00', until: '06:00' };

describe('availabilityAt', () => {
  it('takes a member without windows as always available', () => {
    expect(isAvailableAt(undefined, new Date('2026-12-02T03:00:00Z'))).toBe(true);
    expect(isAvailableAt([], new Date('2026-12-02T03:00:00Z'))).toBe(true);
  });

  it.each([
    // Wednesday 2 December 2026, winter time (UTC+1).
    ['2026-12-02T16:59:00Z', false], // 17:59 in Brussels
    ['2026-12-02T17:00:00Z', true], // 18:00
    ['2026-12-02T22:58:00Z', true], // 23:58
    ['2026-12-02T11:00:00Z', false], // noon
    // Wednesday 1 July 2026, summer time (UTC+2): 18:00 in Brussels is 16:00 UTC.
    ['2026-07-01T16:00:00Z', true],
    ['2026-07-01T15:59:00Z', false],
  ])('reads weekday evenings in Belgian time, summer and winter: %s → %s', (at, available) => {
    expect(isAvailableAt([WEEKDAY_EVENINGS], new Date(at))).toBe(available);
  });

  it('takes a window from a time to the same time as the whole day, on the days it starts', () => {
    expect(isAvailableAt([WEEKENDS], new Date('2026-12-05T11:00:00Z'))).toBe(true); // Saturday noon
    expect(isAvailableAt([WEEKENDS], new Date('2026-12-06T22:30:00Z'))).toBe(true); // Sunday 23:30
    expect(isAvailableAt([WEEKENDS], new Date('2026-12-07T11:00:00Z'))).toBe(false); // Monday noon
  });

  it('runs a window whose end is not after its start into the next morning', () => {
    expect(isAvailableAt([NIGHTS], new Date('2026-12-04T21:30:00Z'))).toBe(true); // Friday 22:30
    expect(isAvailableAt([NIGHTS], new Date('2026-12-05T04:59:00Z'))).toBe(true); // Saturday 05:59
    expect(isAvailableAt([NIGHTS], new Date('2026-12-05T05:00:00Z'))).toBe(false); // Saturday 06:00
    expect(isAvailableAt([NIGHTS], new Date('2026-12-03T22:30:00Z'))).toBe(false); // Thursday 23:30
  });

  it('is available in any of several windows', () => {
    const saturdayNoon = new Date('2026-12-05T11:00:00Z');
    expect(isAvailableAt([WEEKDAY_EVENINGS], saturdayNoon)).toBe(false);
    expect(isAvailableAt([WEEKDAY_EVENINGS, WEEKENDS], saturdayNoon)).toBe(true);
  });
});
