/**
 * Weekly availability: the windows in which a member wants to be alerted (weekdays after 18:00, weekends …), in
 * Belgian time. No windows: always. A window whose end is not after its start runs past midnight into the next day
 * (22:00–06:00); a window from a time to the same time is the whole day from then.
 */
export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export interface AvailabilityWindow {
  /** The days the window starts on. */
  days: readonly Weekday[];
  /** HH:MM, Belgian time. */
  from: string;
  /** HH:MM, Belgian time; at or before `from`: the next day. */
  until: string;
}

const brusselsClock = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Brussels',
  weekday: 'short',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

const minutesOf = (time: string): number => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));

/** The Belgian weekday and minute of the day of an instant (summer and winter time alike). */
const belgianWeekMinute = (instant: Date): { day: number; minute: number } => {
  const parts = Object.fromEntries(brusselsClock.formatToParts(instant).map((p) => [p.type, p.value]));
  const day = WEEKDAYS.indexOf((parts.weekday ?? '').toLowerCase() as Weekday);
  return { day, minute: Number(parts.hour) * 60 + Number(parts.minute) };
};

/**
 * Whether a member with these windows wants to be alerted at `instant`: the Belgian weekday and time are read once,
 * and the answer asked of every member a mobilisation weighs (15,000 in a Flanders-wide one).
 */
export const availabilityAt = (
  instant: Date,
): ((windows: readonly AvailabilityWindow[] | undefined) => boolean) => {
  const { day, minute } = belgianWeekMinute(instant);
  const today = WEEKDAYS[day]!;
  const yesterday = WEEKDAYS[(day + 6) % 7]!;
  return (windows) =>
    !windows?.length ||
    windows.some((window) => {
      const from = minutesOf(window.from);
      const until = minutesOf(window.until);
      if (from < until) return window.days.includes(today) && minute >= from && minute < until;
      return (
        (window.days.includes(today) && minute >= from) || (window.days.includes(yesterday) && minute < until)
      );
    });
};
