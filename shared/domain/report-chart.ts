import type { AnnualReport } from '../schemas/annual-report';

/**
 * The report as a picture a person can open: trained volunteers per province against the legislature's target, and
 * deployments per month. Plain SVG built as text: no browser and no charting dependency, and every number is a text
 * node, so a test can read the chart back.
 */

const WIDTH = 720;
const MONTH_LABELS = ['jan', 'feb', 'mrt', 'apr', 'mei', 'jun', 'jul', 'aug', 'sep', 'okt', 'nov', 'dec'];
const BAR = '#c8102e';
const TARGET = '#555555';

const escapeXml = (text: string | number) =>
  String(text).replace(
    /[<>&"']/g,
    (c) => `&${{ '<': 'lt', '>': 'gt', '&': 'amp', '"': 'quot', "'": 'apos' }[c]};`,
  );

const text = (x: number, y: number, content: string | number, attributes = '') =>
  `<text x="${x}" y="${y}"${attributes ? ` ${attributes}` : ''}>${escapeXml(content)}</text>`;

const rect = (x: number, y: number, width: number, height: number, fill: string) =>
  `<rect x="${x}" y="${y}" width="${Math.max(0, width).toFixed(1)}" height="${Math.max(0, height).toFixed(1)}" fill="${fill}"/>`;

/**
 * Horizontal bars: each province's trained volunteers, then Flanders against the next target to reach (500 at the
 * start, then 15,000 over the legislature), so the bars stay readable while the first target is still ahead.
 */
const trainedPanel = (report: AnnualReport, top: number): { svg: string[]; height: number } => {
  const { start, legislature } = report.config.targets;
  const target = report.progress.trainedInLegislature < start ? start : legislature;
  const rows = [
    ...report.provinces.map((p) => ({ label: p.province, value: p.trainings.trainedInLegislature })),
    { label: 'Vlaanderen', value: report.progress.trainedInLegislature },
  ];
  const scale = Math.max(target, ...rows.map((r) => r.value));
  const left = 150;
  const span = WIDTH - left - 120;
  const rowHeight = 26;
  const svg = [
    text(
      20,
      top,
      `Opgeleide vrijwilligers per provincie (${report.config.targets.legislatureStartYear}–${report.year}) en doel ${target}`,
      'font-weight="bold"',
    ),
  ];
  rows.forEach((row, i) => {
    const y = top + 20 + i * rowHeight;
    svg.push(
      text(20, y + 15, row.label),
      rect(left, y, (row.value / scale) * span, 18, BAR),
      text(left + (row.value / scale) * span + 6, y + 15, row.value),
    );
  });
  const targetX = left + (target / scale) * span;
  const bottom = top + 20 + rows.length * rowHeight;
  svg.push(
    `<line x1="${targetX.toFixed(1)}" y1="${top + 14}" x2="${targetX.toFixed(1)}" y2="${bottom}" stroke="${TARGET}" stroke-dasharray="4 3"/>`,
    text(targetX - 60, bottom + 16, `doel ${target}`, `fill="${TARGET}"`),
  );
  return { svg, height: bottom + 30 - top };
};

/** Vertical bars: deployments ended in each month of the year, for all of Flanders. */
const deploymentsPanel = (report: AnnualReport, top: number): { svg: string[]; height: number } => {
  const counts = report.flanders.deployments.byMonth;
  const max = Math.max(1, ...counts);
  const chartHeight = 140;
  const left = 40;
  const slot = (WIDTH - left - 20) / 12;
  const base = top + 30 + chartHeight;
  const svg = [text(20, top, `Inzetten per maand (${report.year})`, 'font-weight="bold"')];
  counts.forEach((count, i) => {
    const height = (count / max) * chartHeight;
    const x = left + i * slot;
    svg.push(
      rect(x + 6, base - height, slot - 12, height, BAR),
      text(x + slot / 2, base - height - 4, count, 'text-anchor="middle"'),
      text(x + slot / 2, base + 16, MONTH_LABELS[i]!, 'text-anchor="middle"'),
    );
  });
  return { svg, height: base + 30 - top };
};

export const annualReportSvg = (report: AnnualReport): string => {
  const title = `Jaarrapport vrijwilligerskorpsen Vlaanderen ${report.year}`;
  const trained = trainedPanel(report, 70);
  const deployments = deploymentsPanel(report, 70 + trained.height + 20);
  const height = 70 + trained.height + 20 + deployments.height;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="sans-serif" font-size="13">`,
    `<title>${escapeXml(title)}</title>`,
    `<rect width="${WIDTH}" height="${height}" fill="#ffffff"/>`,
    text(20, 30, title, 'font-size="18" font-weight="bold"'),
    text(
      20,
      50,
      `${report.flanders.corps.members} leden, ${report.flanders.deployments.count} inzetten, ${report.flanders.deployments.volunteerHours} vrijwilligersuren`,
    ),
    ...trained.svg,
    ...deployments.svg,
    '</svg>',
    '',
  ].join('\n');
};
