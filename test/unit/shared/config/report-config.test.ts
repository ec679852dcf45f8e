import { describe, expect, it } from 'vitest';
import { parseReportConfig } from '../../../../shared/services/annual-report';

describe('parseReportConfig', () => {
  it("defaults to the concept note's targets and prices nothing it was not told", () => {
    expect(parseReportConfig({})).toEqual({
      targets: { start: 500, startYear: 2025, legislature: 15_000, legislatureStartYear: 2024 },
      unitPrices: { basic: 0, refresher: 0, simulation: 0 },
    });
  });

  it('reads the unit prices and targets the stack sets', () => {
    expect(
      parseReportConfig({
        REPORT_PRICE_BASIC_EUR: '150',
        REPORT_PRICE_REFRESHER_EUR: '35.5',
        REPORT_PRICE_SIMULATION_EUR: '40',
        REPORT_TARGET_LEGISLATURE: '16000',
      }),
    ).toEqual({
      targets: { start: 500, startYear: 2025, legislature: 16_000, legislatureStartYear: 2024 },
      unitPrices: { basic: 150, refresher: 35.5, simulation: 40 },
    });
  });

  it.each([
    [{ REPORT_PRICE_BASIC_EUR: '-1' }, /REPORT_PRICE_BASIC_EUR/],
    [{ REPORT_PRICE_SIMULATION_EUR: 'forty' }, /REPORT_PRICE_SIMULATION_EUR/],
    [{ REPORT_TARGET_START: '0' }, /REPORT_TARGET_START/],
  ])('fails fast naming the variable for %o', (env, message) => {
    expect(() => parseReportConfig(env)).toThrow(message);
  });
});
