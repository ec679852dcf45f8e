import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { belgianDate } from '../../shared/domain/dates';
import { startTestRuntime } from '../support/local-runtime';

const HASSELT = '71072';

describe('the yearly report over HTTP', () => {
  let t: Awaited<ReturnType<typeof startTestRuntime>>;
  let crisis: string;
  const year = Number(belgianDate(new Date()).slice(0, 4));

  beforeAll(async () => {
    t = await startTestRuntime();
    const coordinator = await t.token({ roles: ['coordinator'], sub: 'coordinator-1' });
    crisis = await t.token({ roles: ['crisis-centre'], sub: 'crisis-1' });
    await t.call('PUT', `/municipalities/${HASSELT}`, { token: coordinator, body: { neighbours: [] } });
    for (const phone of ['+32470900001', '+32470900002', '+32470900003']) {
      const registered = await t.call('POST', `/municipalities/${HASSELT}/volunteers`, {
        token: coordinator,
        body: { name: 'Jaar Verslag', birthDate: '1990-01-01', phone },
      });
      expect(registered.status).toBe(201);
    }
  });
  /** The raw answer, for its content type. */
  const fetchReport = async (query: string) => {
    const response = await fetch(`${t.runtime.url}/reports/annual/${year}${query}`, {
      headers: { authorization: `Bearer ${crisis}` },
    });
    return {
      status: response.status,
      contentType: response.headers.get('content-type'),
      disposition: response.headers.get('content-disposition'),
      // The raw bytes: text() would swallow a byte order mark.
      text: new TextDecoder('utf-8', { ignoreBOM: true }).decode(await response.arrayBuffer()),
    };
  };
  afterAll(async () => {
    await t?.runtime.stop();
  });

  it('answers JSON with the figures per municipality, province and Flanders', async () => {
    const response = await t.call('GET', `/reports/annual/${year}`, { token: crisis });

    expect(response.status).toBe(200);
    expect((await fetchReport('')).contentType).toBe('application/json');
    expect(response.body.municipalities).toEqual([
      expect.objectContaining({
        nis: HASSELT,
        name: 'Hasselt',
        province: 'Limburg',
        corps: expect.objectContaining({ members: 3, joined: 3, operationalCorps: 0, fundedMembers: 3 }),
      }),
    ]);
    expect(response.body.provinces).toEqual([
      expect.objectContaining({ province: 'Limburg', corps: expect.objectContaining({ members: 3 }) }),
    ]);
    expect(response.body.flanders.corps.members).toBe(3);
  });

  it('answers a CSV download a Belgian Excel opens as it is: byte order mark, semicolons, a file name', async () => {
    const response = await fetchReport('?format=csv');

    expect(response.status).toBe(200);
    expect(response.contentType).toBe('text/csv; charset=utf-8');
    expect(response.disposition).toBe(`attachment; filename="jaarrapport-${year}.csv"`);
    expect(response.text.startsWith('\uFEFF')).toBe(true);
    const lines = response.text.slice(1).trimEnd().split('\r\n');
    expect(lines.map((l) => l.split(';').slice(0, 6).join(';'))).toEqual([
      'year;level;nis;name;province;corpsMembers',
      `${year};flanders;;Vlaanderen;;3`,
      `${year};province;;Limburg;Limburg;3`,
      `${year};municipality;${HASSELT};Hasselt;Limburg;3`,
    ]);
  });

  it('names the correlation id in the body and the header of a refusal', async () => {
    const response = await fetch(`${t.runtime.url}/reports/annual/${year}?format=pdf`, {
      headers: { authorization: `Bearer ${crisis}` },
    });

    expect(response.status).toBe(400);
    const body = (await response.json()) as { correlationId: string };
    expect(body.correlationId).toEqual(expect.stringMatching(/\S/));
    expect(response.headers.get('x-correlation-id')).toBe(body.correlationId);
  });

  it('answers the chart as SVG', async () => {
    const response = await fetchReport('?format=svg');

    expect(response.status).toBe(200);
    expect(response.contentType).toBe('image/svg+xml');
    expect(response.text).toContain(`<text x="20" y="50">3 leden, 0 inzetten, 0 vrijwilligersuren</text>`);
  });

  it('answers 400 naming the field for a malformed year or format, and 422 for a year not begun', async () => {
    const malformed = await t.call('GET', '/reports/annual/twenty', { token: crisis });
    expect(malformed.status).toBe(400);
    expect(malformed.body.issues).toEqual([{ path: 'year', message: 'a calendar year, e.g. 2025' }]);
    const format = await t.call('GET', `/reports/annual/${year}?format=pdf`, { token: crisis });
    expect(format.status).toBe(400);
    expect(format.body.issues[0].path).toBe('format');
    const future = await t.call('GET', `/reports/annual/${year + 1}`, { token: crisis });
    expect(future.status).toBe(422);
    expect(future.body).toMatchObject({ rule: 'report-year-not-started' });
  });
});
