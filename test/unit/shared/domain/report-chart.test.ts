import { describe, expect, it } from 'vitest';
import { buildAnnualReport, type CounterRow } from '../../../../shared/domain/annual-report';
import { annualReportSvg } from '../../../../shared/domain/report-chart';

const ROWS: CounterRow[] = [
  {
    year: 2025,
    nis: '44021',
    counters: { joined: 40, fundedChange: 40, basic_funded: 30, deployments_03: 4, deployments_12: 7 },
  },
  {
    year: 2025,
    nis: '11002',
    counters: { joined: 20, fundedChange: 20, basic_funded: 12, deployments_03: 2 },
  },
  { year: 2024, nis: '71016', counters: { joined: 10, fundedChange: 10, basic_funded: 5 } },
];
const report = buildAnnualReport(2025, ROWS, [], {
  targets: { start: 500, startYear: 2025, legislature: 15_000, legislatureStartYear: 2024 },
  unitPrices: { basic: 0, refresher: 0, simulation: 0 },
});
const svg = annualReportSvg(report);

/** The text nodes of the chart, in document order, unescaped. */
const texts = (document: string): string[] =>
  [...document.matchAll(/<text\b[^>]*>([^<]*)<\/text>/g)].map((m) =>
    m[1]!.replaceAll('&amp;', '&').replaceAll('&lt;', '<').replaceAll('&gt;', '>'),
  );

/** The text node right after a label: the value printed next to its bar. */
const valueNextTo = (label: string) => texts(svg)[texts(svg).indexOf(label) + 1];

describe('annualReportSvg', () => {
  it('is one standalone SVG document a browser opens', () => {
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.trimEnd().endsWith('</svg>')).toBe(true);
    expect(svg).toContain('<title>Jaarrapport vrijwilligerskorpsen Vlaanderen 2025</title>');
  });

  it('shows the trained volunteers of each province and of Flanders against the target', () => {
    expect(valueNextTo('Oost-Vlaanderen')).toBe('30');
    expect(valueNextTo('Antwerpen')).toBe('12');
    // Trained in 2024 counts: the legislature began then.
    expect(valueNextTo('Limburg')).toBe('5');
    expect(valueNextTo('Vlaanderen')).toBe('47');
    expect(texts(svg)).toContain('doel 500');
  });

  it('shows the deployments of every month with its label', () => {
    const labels = ['jan', 'feb', 'mrt', 'apr', 'mei', 'jun', 'jul', 'aug', 'sep', 'okt', 'nov', 'dec'];
    const all = texts(svg);
    // Each month's bar carries its count, then its label.
    const counts = labels.map((label) => all[all.indexOf(label) - 1]);
    expect(counts).toEqual(['0', '0', '6', '0', '0', '0', '0', '0', '0', '0', '0', '7']);
    expect(all).toContain('Inzetten per maand (2025)');
  });

  it('draws bars in proportion to the figures', () => {
    const widths = [...svg.matchAll(/<rect x="150" y="[\d.]+" width="([\d.]+)"/g)].map((m) => Number(m[1]));
    // Antwerpen 12, Limburg 5, Oost-Vlaanderen 30, Vlaanderen 47, on one scale.
    expect(widths[0]! / widths[2]!).toBeCloseTo(12 / 30, 2);
    expect(widths[3]! / widths[2]!).toBeCloseTo(47 / 30, 2);
  });

  it('measures against the legislature target once the start target is reached', () => {
    const later = { ...report, progress: { ...report.progress, trainedInLegislature: 600 } };
    expect(texts(annualReportSvg(later))).toContain('doel 15000');
  });

  it('escapes text so a name cannot break the document', () => {
    expect(
      annualReportSvg({ ...report, provinces: [{ ...report.provinces[0]!, province: 'A & <B>' }] }),
    ).toContain('A &amp; &lt;B&gt;');
  });
});
