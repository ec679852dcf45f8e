import { describe, expect, it } from 'vitest';
import { onSiteStateOf } from '../../../../shared/domain/on-site';

const ARRIVED = '2026-03-02T10:00:00.000Z';
const LEFT = '2026-03-02T10:45:00.000Z';
const BACK = '2026-03-02T13:00:00.000Z';

describe('onSiteStateOf', () => {
  it('says nothing of a volunteer never checked in', () => {
    expect(onSiteStateOf(undefined)).toEqual({});
  });

  it('gives the arrival of a volunteer on site, with no minutes recorded yet', () => {
    expect(onSiteStateOf({ onSiteSince: ARRIVED, minutes: 0, periods: [] })).toEqual({
      onSiteSince: ARRIVED,
      minutesOnSite: 0,
    });
  });

  it('gives the departure and the minutes of a volunteer checked out', () => {
    expect(onSiteStateOf({ minutes: 45, periods: [{ from: ARRIVED, to: LEFT }] })).toEqual({
      checkedOutAt: LEFT,
      minutesOnSite: 45,
    });
  });

  it('gives a volunteer back on site their new arrival and the minutes of the earlier stay, not the old departure', () => {
    expect(onSiteStateOf({ onSiteSince: BACK, minutes: 45, periods: [{ from: ARRIVED, to: LEFT }] })).toEqual(
      { onSiteSince: BACK, minutesOnSite: 45 },
    );
  });
});
