const brussels = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Brussels',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The calendar date in Belgium at `now` (YYYY-MM-DD): a birthday or a training year turns over at Belgian midnight. */
export const belgianDate = (now: Date): string => brussels.format(now);
