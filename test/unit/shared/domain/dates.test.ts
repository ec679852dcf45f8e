import { describe, expect, it } from 'vitest';
import { belgianDate } from '../../../../shared/domain/dates';

describe('belgianDate', () => {
  it.each([
    { at: '2025-06-30T21:59:59Z', date: '2025-06-30', why: 'one second before midnight in summer (UTC+2)' },
    { at: '2025-06-30T22:00:00Z', date: '2025-07-01', why: 'Belgian midnight in summer' },
    { at: '2025-06-30T22:30:00Z', date: '2025-07-01', why: 'half past midnight in summer' },
    { at: '2025-12-31T22:59:59Z', date: '2025-12-31', why: 'one second before midnight in winter (UTC+1)' },
    { at: '2025-12-31T23:00:00Z', date: '2026-01-01', why: 'New Year in Brussels, still 2025 in UTC' },
    { at: '2025-12-31T23:30:00Z', date: '2026-01-01', why: 'half past midnight on New Year' },
    { at: '2024-02-28T23:15:00Z', date: '2024-02-29', why: 'the leap day begins in Brussels' },
    { at: '2025-03-30T00:30:00Z', date: '2025-03-30', why: 'the night summer time starts' },
    { at: '2025-10-25T22:30:00Z', date: '2025-10-26', why: 'the night summer time ends' },
    { at: '2025-07-01T12:00:00Z', date: '2025-07-01', why: 'midday' },
  ])('gives $date at $at ($why)', ({ at, date }) => {
    expect(belgianDate(new Date(at))).toBe(date);
  });

  it('always answers in the YYYY-MM-DD form with zero padding', () => {
    expect(belgianDate(new Date('2025-01-05T08:00:00Z'))).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(belgianDate(new Date('2025-01-05T08:00:00Z'))).toBe('2025-01-05');
  });
});
