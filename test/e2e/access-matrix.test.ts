import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTES, type Route } from '../../shared/http/routes';
import { eventually, startTestRuntime } from '../support/local-runtime';

/**
 * Every route × every kind of caller × a resource of the caller's own municipality and one of another municipality,
 * over HTTP on the local runtime. Reads of another municipality's resources answer 404 exactly as an unknown id
 * does (so ids cannot be probed); what a role may never do answers 403; no token answers 401.
 */

const OWN = '44021'; // Gent
const OTHER = '11002'; // Antwerpen
const UNJOINED = '24062'; // Leuven: never joins in this test
const UNKNOWN_ID = '01JDZZZZZZZZZZZZZZZZZZZZZZ'; // a well-formed id that names nothing
const PROVIDER = 'rode-kruis-vlaanderen';
const PUBLIC_PATHS = ['/health', '/openapi.json'];
const REPORT_YEAR = 2025;

type Caller = 'anonymous' | 'requester' | 'unnamed' | 'admin' | 'coordinator' | 'crisis' | 'volunteer';
/** The callers every route has rows for, besides the anonymous one. */
const SIGNED = ['requester', 'admin', 'coordinator', 'crisis', 'volunteer'] as const;
type Signed = (typeof SIGNED)[number];
/** 409 and 422 where the caller passes every access check and meets a business rule instead. */
type Status = 200 | 201 | 202 | 204 | 401 | 403 | 404 | 409 | 422;
/** Whose resource the path (or body) points at: the caller's municipality, another one, or nothing at all. */
type Target = 'own' | 'other' | 'unknown' | 'none';
/** One status for both municipalities, or one each. */
type Cell = Status | { own: Status; other: Status };
/** What `{id}` stands for; routes with `{nis}` or a municipality in the body have none. */
type IdKind = 'volunteerId' | 'groupId' | 'requestId' | 'provider' | 'callCode' | 'claimId' | 'officialId';

interface Place {
  nis: string;
  name: string;
  postcode: string;
  requesterSub: string;
  volunteerId: string;
  groupId: string;
  requestId: string;
  /** The public code of the spontaneous call opened on `requestId`. */
  callCode: string;
  /** A claim of `volunteerId`, checked in on `requestId` for a while (filed by a coordinator). */
  claimId: string;
  /** A requester the coordinator invited into the municipality. */
  officialId: string;
}

// biome-ignore lint/suspicious/noExplicitAny: response bodies are asserted field by field.
type Body = any;

interface RouteRow {
  method: Route['method'];
  path: string;
  id?: IdKind;
  /** False for routes not bound to a municipality (training providers). */
  perMunicipality: boolean;
  /** Query string, `{nis}` for the municipality, `{volunteerId}` for its volunteer. */
  query?: string;
  variant?: string;
  body?: (place: Place) => unknown;
  /** Each case gets a resource of its own (erase, close), so a wrongly allowed call cannot spoil other cases. */
  fresh?: boolean;
  /** What a successful answer must hold: never another municipality's data. */
  check?: (body: Body, place: Place, id: string | undefined) => void;
  /** Public routes answer anonymous callers too; everything else gives them 401. */
  expect: Record<Signed, Cell> & { unnamed?: Cell; anonymous?: Cell };
}

let phones = 0;
/** A Belgian mobile number no other member of this runtime has. */
const freshPhone = () => `+32471${String(100_000 + ++phones)}`;
const volunteerBody = () => ({ name: 'Matrix Lid', birthDate: '1990-05-01', phone: freshPhone() });
const helpRequestBody = (place: Place, channel: 'api' | 'phone') => ({
  municipality: place.nis,
  title: 'Stormschade',
  channel,
  needs: [{ task: 'logistics', volunteers: 1 }],
  location: { postcode: place.postcode },
  spontaneousCallAllowed: true,
});
/** When the matrix volunteer of each place was on site (checked in, then out) on its request. */
const ON_SITE = { from: '2026-01-10T10:00:00.000Z', to: '2026-01-10T12:00:00.000Z' };
const claimBody = (place: Place) => ({
  requestId: place.requestId,
  volunteerId: place.volunteerId,
  kind: 'bodily-accident',
  occurredAt: '2026-01-10T11:00:00.000Z',
  location: 'Sporthal',
  description: 'Gestruikeld over een kabel.',
  injuries: 'Geschaafde knie',
});
let officials = 0;
/** An invitation of a requester under an address no other official of this runtime has. */
const officialBody = (place: Place) => ({
  email: `matrix-${++officials}@${place.nis}.example.be`,
  name: 'Matrix Ambtenaar',
  role: 'requester',
});
const trainingBody = () => ({ kind: 'refresher', providerId: PROVIDER, date: '2026-03-14' });

const ofPlace = (body: Body, place: Place, id?: string) => {
  expect(body.municipality).toBe(place.nis);
  if (id) expect(body.id).toBe(id);
};

/** The rules of shared/domain/access.ts, route by route; anonymous callers always get 401. */
const MATRIX: RouteRow[] = [
  {
    method: 'PUT',
    path: '/municipalities/{nis}',
    perMunicipality: true,
    body: () => ({ neighbours: [] }),
    check: (body, place) => expect(body).toMatchObject({ nis: place.nis, name: place.name }),
    expect: { requester: 403, admin: 403, coordinator: 200, crisis: 403, volunteer: 403 },
  },
  {
    method: 'GET',
    path: '/municipalities/{nis}',
    perMunicipality: true,
    check: (body, place) => expect(body).toMatchObject({ nis: place.nis, name: place.name }),
    expect: {
      requester: { own: 200, other: 404 },
      admin: { own: 200, other: 404 },
      coordinator: 200,
      crisis: 404,
      volunteer: 404,
    },
  },
  {
    method: 'POST',
    path: '/municipalities/{nis}/volunteers',
    perMunicipality: true,
    body: volunteerBody,
    check: (body, place) => ofPlace(body, place),
    expect: {
      requester: 403,
      admin: { own: 201, other: 404 },
      coordinator: 201,
      crisis: 403,
      volunteer: 403,
    },
  },
  {
    method: 'PUT',
    path: '/municipalities/{nis}/requesters',
    perMunicipality: true,
    // The same list as before, so the named requesters stay named whatever happens.
    body: (place) => ({ requesters: [place.requesterSub] }),
    // A sub that is no invited official (this matrix's tokens) is listed by its sub only.
    check: (body, place) =>
      expect(body).toEqual({ requesters: [place.requesterSub], people: [{ sub: place.requesterSub }] }),
    expect: {
      requester: 403,
      admin: { own: 200, other: 404 },
      coordinator: 403,
      crisis: 403,
      volunteer: 403,
    },
  },
  {
    method: 'GET',
    path: '/municipalities/{nis}/requesters',
    perMunicipality: true,
    check: (body, place) => {
      expect(body.requesters).toContain(place.requesterSub);
      expect(body.people).toContainEqual({ sub: place.requesterSub });
    },
    expect: {
      requester: 403,
      admin: { own: 200, other: 404 },
      coordinator: 200,
      crisis: 403,
      volunteer: 403,
    },
  },
  {
    method: 'POST',
    path: '/municipalities/{nis}/officials',
    perMunicipality: true,
    body: officialBody,
    check: (body, place) =>
      expect(body).toMatchObject({ municipality: place.nis, role: 'requester', status: 'invited' }),
    // Another municipality's admin is told no (403): the NIS code names a public fact, there is nothing to probe.
    expect: {
      requester: 403,
      admin: { own: 201, other: 403 },
      coordinator: 201,
      crisis: 403,
      volunteer: 403,
    },
  },
  {
    method: 'GET',
    path: '/municipalities/{nis}/officials',
    perMunicipality: true,
    check: (body, place) => {
      expect(body.officials.map((o: Body) => o.id)).toContain(place.officialId);
      for (const o of body.officials) expect(o.municipality).toBe(place.nis);
    },
    expect: {
      requester: 403,
      admin: { own: 200, other: 404 },
      coordinator: 200,
      crisis: 403,
      volunteer: 403,
    },
  },
  {
    method: 'DELETE',
    path: '/municipalities/{nis}/officials/{id}',
    id: 'officialId',
    perMunicipality: true,
    fresh: true,
    expect: {
      requester: 403,
      admin: { own: 204, other: 403 },
      coordinator: 204,
      crisis: 403,
      volunteer: 403,
    },
  },
  {
    method: 'GET',
    path: '/municipalities/{nis}/volunteers',
    perMunicipality: true,
    check: (body, place) => {
      expect(body.volunteers.map((v: Body) => v.id)).toContain(place.volunteerId);
      for (const v of body.volunteers) expect(v.municipality).toBe(place.nis);
    },
    expect: {
      requester: 403,
      admin: { own: 200, other: 404 },
      coordinator: 200,
      crisis: 403,
      volunteer: 403,
    },
  },
  {
    method: 'GET',
    path: '/volunteers/{id}',
    id: 'volunteerId',
    perMunicipality: true,
    check: ofPlace,
    expect: {
      requester: 404,
      admin: { own: 200, other: 404 },
      coordinator: 200,
      crisis: 404,
      volunteer: { own: 200, other: 404 },
    },
  },
  {
    method: 'PATCH',
    path: '/volunteers/{id}',
    id: 'volunteerId',
    perMunicipality: true,
    body: () => ({ availabilityNotes: 'weekends' }),
    check: ofPlace,
    expect: {
      requester: 404,
      admin: { own: 200, other: 404 },
      coordinator: 200,
      crisis: 404,
      volunteer: { own: 200, other: 404 },
    },
  },
  {
    method: 'DELETE',
    path: '/volunteers/{id}',
    id: 'volunteerId',
    perMunicipality: true,
    fresh: true,
    expect: {
      requester: 404,
      admin: { own: 204, other: 404 },
      coordinator: 204,
      crisis: 404,
      volunteer: { own: 204, other: 404 },
    },
  },
  {
    method: 'POST',
    path: '/volunteers/{id}/trainings',
    id: 'volunteerId',
    perMunicipality: true,
    body: trainingBody,
    check: (body) => expect(body).toMatchObject({ kind: 'refresher', providerId: PROVIDER }),
    expect: {
      requester: 404,
      admin: { own: 201, other: 404 },
      coordinator: 201,
      crisis: 404,
      // Their own record, but courses are recorded by the municipality or Red Cross.
      volunteer: { own: 403, other: 404 },
    },
  },
  {
    method: 'PUT',
    path: '/training-providers/{id}',
    id: 'provider',
    perMunicipality: false,
    body: () => ({ name: 'Rode Kruis-Vlaanderen', charter: 'red-cross-flanders' }),
    check: (body) => expect(body).toMatchObject({ id: PROVIDER, charter: 'red-cross-flanders' }),
    expect: { requester: 403, admin: 403, coordinator: 200, crisis: 403, volunteer: 403 },
  },
  {
    method: 'POST',
    path: '/municipalities/{nis}/groups',
    perMunicipality: true,
    body: () => ({
      name: 'Scouts Matrix',
      kind: 'scouts',
      contact: { name: 'Leiding', phone: freshPhone() },
      members: [volunteerBody()],
    }),
    check: (body, place) => ofPlace(body, place),
    expect: {
      requester: 403,
      admin: { own: 201, other: 404 },
      coordinator: 201,
      crisis: 403,
      volunteer: 403,
    },
  },
  {
    method: 'GET',
    path: '/municipalities/{nis}/groups',
    perMunicipality: true,
    check: (body, place) => {
      expect(body.groups.map((g: Body) => g.id)).toContain(place.groupId);
      for (const g of body.groups) expect(g.municipality).toBe(place.nis);
    },
    expect: {
      requester: 403,
      admin: { own: 200, other: 404 },
      coordinator: 200,
      crisis: 403,
      volunteer: 403,
    },
  },
  {
    method: 'POST',
    path: '/groups/{id}/trainings',
    id: 'groupId',
    perMunicipality: true,
    body: trainingBody,
    check: (body) => expect(body.records).toHaveLength(1),
    expect: {
      requester: 403,
      admin: { own: 201, other: 404 },
      coordinator: 201,
      crisis: 403,
      volunteer: 403,
    },
  },
  {
    method: 'POST',
    path: '/help-requests',
    variant: 'channel api',
    perMunicipality: true,
    body: (place) => helpRequestBody(place, 'api'),
    check: (body) => expect(body).toMatchObject({ id: expect.any(String), status: expect.any(String) }),
    expect: {
      requester: { own: 202, other: 403 },
      unnamed: 403,
      admin: 403,
      // Coordinators enter requests taken by phone only.
      coordinator: 403,
      crisis: 403,
      volunteer: 403,
    },
  },
  {
    method: 'POST',
    path: '/help-requests',
    variant: 'channel phone',
    perMunicipality: true,
    body: (place) => helpRequestBody(place, 'phone'),
    check: (body) => expect(body).toMatchObject({ id: expect.any(String), status: expect.any(String) }),
    expect: { requester: 403, admin: 403, coordinator: 202, crisis: 403, volunteer: 403 },
  },
  {
    method: 'GET',
    path: '/help-requests',
    query: '?municipality={nis}',
    perMunicipality: true,
    check: (body, place) => {
      expect(body.helpRequests.map((r: Body) => r.id)).toContain(place.requestId);
      for (const r of body.helpRequests) expect(r.municipality).toBe(place.nis);
    },
    expect: {
      requester: { own: 200, other: 404 },
      admin: { own: 200, other: 404 },
      coordinator: 200,
      crisis: 200,
      volunteer: 404,
    },
  },
  {
    method: 'GET',
    path: '/help-requests',
    variant: 'without a municipality',
    query: '?limit=100',
    perMunicipality: false,
    // All of Flanders for the coordination, the caller's own municipality for municipal roles
    // (test/e2e/help-request-list.test.ts shows which requests each one gets).
    check: (body) => {
      expect(body.helpRequests.length).toBeGreaterThan(0);
      for (const r of body.helpRequests) expect([OWN, OTHER]).toContain(r.municipality);
    },
    expect: { requester: 200, admin: 200, coordinator: 200, crisis: 200, volunteer: 403 },
  },
  {
    method: 'GET',
    path: '/help-requests/{id}',
    id: 'requestId',
    perMunicipality: true,
    check: ofPlace,
    expect: {
      requester: { own: 200, other: 404 },
      admin: { own: 200, other: 404 },
      coordinator: 200,
      crisis: 200,
      volunteer: 404,
    },
  },
  {
    method: 'GET',
    path: '/help-requests/{id}/responses',
    id: 'requestId',
    perMunicipality: true,
    check: (body) => expect(body.responses).toEqual(expect.any(Array)),
    expect: {
      requester: { own: 403, other: 404 },
      admin: { own: 403, other: 404 },
      coordinator: 200,
      crisis: 200,
      volunteer: 404,
    },
  },
  {
    method: 'GET',
    path: '/help-requests/{id}/timeline',
    id: 'requestId',
    perMunicipality: true,
    check: (body) => expect(body.entries).toContainEqual(expect.objectContaining({ type: 'requested' })),
    expect: {
      requester: { own: 200, other: 404 },
      admin: { own: 200, other: 404 },
      coordinator: 200,
      crisis: 200,
      volunteer: 404,
    },
  },
  {
    method: 'GET',
    path: '/help-requests/{id}/outbox',
    id: 'requestId',
    perMunicipality: true,
    // A real request: nothing kept, the page is empty.
    check: (body) => expect(body.sms).toEqual([]),
    expect: {
      requester: { own: 200, other: 404 },
      admin: { own: 200, other: 404 },
      coordinator: 200,
      crisis: 200,
      volunteer: 404,
    },
  },
  {
    method: 'GET',
    path: '/help-requests/{id}/unreachable',
    id: 'requestId',
    perMunicipality: true,
    check: (body) => expect(body.volunteers).toEqual(expect.any(Array)),
    expect: {
      requester: { own: 200, other: 404 },
      admin: { own: 200, other: 404 },
      coordinator: 200,
      crisis: 200,
      volunteer: 404,
    },
  },
  {
    method: 'PUT',
    path: '/duty-roster',
    perMunicipality: false,
    body: () => ({ onDuty: { name: 'Coördinator', phone: '+32499000001' }, backups: [] }),
    check: (body) => expect(body.onDuty).toMatchObject({ phone: '+32499000001' }),
    expect: { requester: 403, admin: 403, coordinator: 200, crisis: 403, volunteer: 403 },
  },
  {
    method: 'GET',
    path: '/duty-roster',
    perMunicipality: false,
    check: (body) => expect(body.onDuty).toMatchObject({ phone: '+32499000001' }),
    expect: { requester: 403, admin: 403, coordinator: 200, crisis: 403, volunteer: 403 },
  },
  {
    method: 'GET',
    path: '/reports/annual/{year}',
    perMunicipality: false,
    check: (body) => {
      expect(body.year).toBe(REPORT_YEAR);
      expect(body.flanders.corps.members).toEqual(expect.any(Number));
    },
    expect: { requester: 403, admin: 403, coordinator: 200, crisis: 200, volunteer: 403 },
  },
  {
    method: 'GET',
    path: '/reports/annual/{year}',
    query: '?format=csv',
    perMunicipality: false,
    check: (body) =>
      expect(body).toMatch(new RegExp(`^\uFEFF?year;level;nis;name;province;.*\r\n${REPORT_YEAR};flanders;`)),
    expect: { requester: 403, admin: 403, coordinator: 200, crisis: 200, volunteer: 403 },
  },
  {
    method: 'POST',
    path: '/help-requests/{id}/activations',
    variant: 'province-wide',
    id: 'requestId',
    perMunicipality: true,
    body: () => ({ scope: 'province', phaseReference: 'GOUV-2026-001' }),
    check: (body) => expect(body).toMatchObject({ scope: expect.any(Array), added: expect.any(Array) }),
    expect: { requester: 403, admin: 403, coordinator: 202, crisis: 202, volunteer: 403 },
  },
  {
    method: 'POST',
    path: '/help-requests/{id}/activations',
    variant: 'neighbours',
    id: 'requestId',
    perMunicipality: true,
    body: () => ({ scope: 'neighbours' }),
    check: (body) => expect(body).toMatchObject({ scope: expect.any(Array) }),
    expect: { requester: 403, admin: 403, coordinator: 202, crisis: 403, volunteer: 403 },
  },
  {
    method: 'POST',
    path: '/help-requests/{id}/updates',
    id: 'requestId',
    perMunicipality: true,
    body: () => ({ message: 'Verzamelen aan het gemeentehuis om 14u.' }),
    // Nobody accepted in this matrix: the update reaches no one, but it is recorded.
    check: (body) => expect(body).toMatchObject({ updateId: expect.any(String), recipients: 0 }),
    expect: { requester: 403, admin: 403, coordinator: 202, crisis: 403, volunteer: 403 },
  },
  {
    method: 'POST',
    path: '/help-requests/{id}/check-ins',
    id: 'requestId',
    perMunicipality: true,
    // Nobody accepted in this matrix, so the coordinator reaches the rule, not the role check.
    body: (place) => ({ volunteerId: place.volunteerId }),
    expect: { requester: 403, admin: 403, coordinator: 422, crisis: 403, volunteer: 403 },
  },
  {
    method: 'POST',
    path: '/help-requests/{id}/check-outs',
    id: 'requestId',
    perMunicipality: true,
    body: (place) => ({ volunteerId: place.volunteerId }),
    expect: { requester: 403, admin: 403, coordinator: 409, crisis: 403, volunteer: 403 },
  },
  {
    method: 'POST',
    path: '/help-requests/{id}/acknowledge',
    id: 'requestId',
    perMunicipality: true,
    fresh: true,
    check: (body, _place, id) => expect(body).toMatchObject({ id, acknowledgedAt: expect.any(String) }),
    expect: { requester: 403, admin: 403, coordinator: 200, crisis: 403, volunteer: 403 },
  },
  {
    method: 'POST',
    path: '/help-requests/{id}/close',
    id: 'requestId',
    perMunicipality: true,
    fresh: true,
    check: (body, _place, id) => expect(body).toMatchObject({ id, status: 'closed' }),
    expect: { requester: 403, admin: 403, coordinator: 200, crisis: 403, volunteer: 403 },
  },
  {
    method: 'POST',
    path: '/help-requests/{id}/spontaneous-call',
    id: 'requestId',
    perMunicipality: true,
    fresh: true,
    check: (body) =>
      expect(body).toMatchObject({ code: expect.any(String), registrationUrl: expect.any(String) }),
    expect: { requester: 403, admin: 403, coordinator: 201, crisis: 403, volunteer: 403 },
  },
  {
    method: 'GET',
    path: '/spontaneous/{code}',
    id: 'callCode',
    perMunicipality: true,
    // Public facts of the request only: nothing about people, whoever asks.
    check: (body) =>
      expect(Object.keys(body).sort()).toEqual(['adultsOnly', 'code', 'municipalityName', 'status', 'title']),
    expect: { anonymous: 200, requester: 200, admin: 200, coordinator: 200, crisis: 200, volunteer: 200 },
  },
  {
    method: 'POST',
    path: '/spontaneous/{code}/registrations',
    id: 'callCode',
    perMunicipality: true,
    body: () => ({ name: 'Matrix Burger', birthDate: '1985-02-03', phone: freshPhone(), consent: true }),
    // Nothing the citizen sent comes back, whoever asks.
    check: (body) => expect(Object.keys(body).sort()).toEqual(['id', 'status']),
    expect: { anonymous: 201, requester: 201, admin: 201, coordinator: 201, crisis: 201, volunteer: 201 },
  },
  {
    method: 'POST',
    path: '/claims',
    perMunicipality: true,
    body: claimBody,
    check: (body, place) => expect(body).toMatchObject({ municipality: place.nis, status: 'submitted' }),
    expect: {
      requester: 403,
      admin: 403,
      coordinator: 201,
      crisis: 403,
      // For themselves only: another volunteer's claim is the coordinator's to file.
      volunteer: { own: 201, other: 403 },
    },
  },
  {
    method: 'GET',
    path: '/claims',
    query: '?volunteerId={volunteerId}',
    perMunicipality: true,
    check: (body, place) => {
      expect(body.claims.map((c: Body) => c.id)).toContain(place.claimId);
      for (const c of body.claims)
        expect(c).toMatchObject({ volunteerId: place.volunteerId, municipality: place.nis });
    },
    expect: {
      requester: 403,
      admin: 403,
      coordinator: 200,
      crisis: 403,
      volunteer: { own: 200, other: 403 },
    },
  },
  {
    method: 'GET',
    path: '/claims/{id}',
    id: 'claimId',
    perMunicipality: true,
    check: ofPlace,
    expect: {
      requester: 403,
      admin: 403,
      coordinator: 200,
      crisis: 403,
      volunteer: { own: 200, other: 404 },
    },
  },
  {
    method: 'PATCH',
    path: '/claims/{id}',
    id: 'claimId',
    perMunicipality: true,
    body: () => ({ information: 'Doktersattest volgt.' }),
    check: ofPlace,
    expect: {
      requester: 403,
      admin: 403,
      coordinator: 200,
      crisis: 403,
      volunteer: { own: 200, other: 404 },
    },
  },
  {
    method: 'POST',
    path: '/claims/{id}/attachments',
    id: 'claimId',
    perMunicipality: true,
    body: () => ({ fileName: 'knie.jpg', contentType: 'image/jpeg', size: 2048 }),
    check: (body, _place, id) =>
      expect(body.upload.url).toContain(`/_local/attachments/claims/${id}/${body.attachment.id}`),
    expect: {
      requester: 403,
      admin: 403,
      coordinator: 201,
      crisis: 403,
      volunteer: { own: 201, other: 404 },
    },
  },
];

const CALLER_NAMES: Record<Caller, string> = {
  anonymous: 'an anonymous caller',
  requester: 'a named requester of Gent',
  unnamed: 'an unnamed requester of Gent',
  admin: 'the municipal-admin of Gent',
  coordinator: 'a coordinator',
  crisis: 'the crisis-centre',
  volunteer: 'a volunteer of Gent',
};
const NOUNS: Record<IdKind, string> = {
  volunteerId: 'volunteer',
  groupId: 'group',
  requestId: 'help request',
  provider: 'training provider',
  callCode: 'spontaneous call',
  claimId: 'claim',
  officialId: 'official',
};

const targetName = (row: RouteRow, caller: Caller, target: Target): string => {
  if (!row.id) {
    return { own: 'Gent', other: 'Antwerpen', unknown: 'unjoined Leuven (no probing)', none: '' }[target];
  }
  const noun = NOUNS[row.id];
  if (target === 'own') {
    return `Gent's ${noun}${caller === 'volunteer' && row.id === 'volunteerId' ? ' (their own record)' : ''}`;
  }
  if (target === 'other') return `Antwerpen's ${noun}`;
  if (target === 'unknown') return 'an unknown id (no probing)';
  return `the provider ${PROVIDER}`;
};

/** The title's parts: vitest cuts every interpolated value at 40 characters. */
interface Title {
  who: string;
  route: string;
  on: string;
}
const TITLE = '$who gets $expect for $route on $on';

interface Case extends Title {
  caller: Caller;
  method: Route['method'];
  path: string;
  target: Target;
  body?: (place: Place) => unknown;
  expect: Status;
  row: RouteRow;
}

const makeCase = (row: RouteRow, caller: Caller, target: Target, status: Status): Case => ({
  who: CALLER_NAMES[caller],
  route: `${row.method} ${row.path}${row.query ?? ''}${row.variant ? ` (${row.variant})` : ''}`,
  on: targetName(row, caller, target),
  caller,
  method: row.method,
  path: row.path,
  target,
  ...(row.body ? { body: row.body } : {}),
  expect: status,
  row,
});

const statusOf = (cell: Cell, target: Target): Status =>
  typeof cell === 'number' ? cell : target === 'other' ? cell.other : cell.own;

/**
 * The matrix, one case per cell. Every case a caller loses on another municipality's resource is repeated on an
 * unknown id (or a municipality that never joined): the answers must be the same, or ids could be probed.
 */
const CASES: Case[] = MATRIX.flatMap((row) => {
  const targets: Target[] = row.perMunicipality ? ['own', 'other'] : ['none'];
  const callers: Caller[] = ['anonymous', ...SIGNED, ...(row.expect.unnamed ? (['unnamed'] as const) : [])];
  return callers.flatMap((caller) =>
    targets.flatMap((target) => {
      const cell =
        caller === 'anonymous'
          ? (row.expect.anonymous ?? 401)
          : (row.expect as Record<string, Cell>)[caller]!;
      const status = statusOf(cell, target);
      const probe = target === 'other' && (status === 403 || status === 404);
      return [
        makeCase(row, caller, target, status),
        ...(probe ? [makeCase(row, caller, 'unknown', status)] : []),
      ];
    }),
  );
});

const PUBLIC_CASES = PUBLIC_PATHS.flatMap((path) =>
  (['anonymous', ...SIGNED] as Caller[]).map((caller) => ({
    who: CALLER_NAMES[caller],
    caller,
    path,
  })),
);

describe('access matrix: every route × role × own/other municipality over HTTP', () => {
  let t: Awaited<ReturnType<typeof startTestRuntime>>;
  let coordinator: string;
  const places = {} as Record<'own' | 'other' | 'unknown', Place>;
  const requesterTokens = {} as Record<'own' | 'other', string>;

  const must = async (pending: ReturnType<typeof t.call>, status: number) => {
    const response = await pending;
    if (response.status !== status) {
      throw new Error(`setup call answered ${response.status}: ${JSON.stringify(response.body)}`);
    }
    return response.body as Body;
  };
  const throwawayVolunteer = async (place: Place): Promise<string> =>
    (
      await must(
        t.call('POST', `/municipalities/${place.nis}/volunteers`, {
          token: coordinator,
          body: volunteerBody(),
        }),
        201,
      )
    ).id;
  const dedicatedRequest = async (key: 'own' | 'other'): Promise<string> =>
    (
      await must(
        t.call('POST', '/help-requests', {
          token: requesterTokens[key],
          headers: { 'Idempotency-Key': randomUUID() },
          body: helpRequestBody(places[key], 'api'),
        }),
        202,
      )
    ).id;
  const freshOfficial = async (place: Place): Promise<string> =>
    (
      await must(
        t.call('POST', `/municipalities/${place.nis}/officials`, {
          token: coordinator,
          body: officialBody(place),
        }),
        201,
      )
    ).id;
  const tokenOf = async (caller: Caller, volunteerId: string): Promise<string | undefined> => {
    switch (caller) {
      case 'anonymous':
        return undefined;
      case 'requester':
        return requesterTokens.own;
      case 'unnamed':
        return t.token({ roles: ['requester'], municipality: OWN, sub: 'gent-unnamed-official' });
      case 'admin':
        return t.token({ roles: ['municipal-admin'], municipality: OWN, sub: 'gent-admin' });
      case 'coordinator':
        return coordinator;
      case 'crisis':
        return t.token({ roles: ['crisis-centre'], sub: 'crisis-centre-1' });
      case 'volunteer':
        return t.token({ roles: ['volunteer'], volunteerId, sub: `volunteer-${volunteerId}` });
    }
  };

  beforeAll(async () => {
    t = await startTestRuntime();
    coordinator = await t.token({ roles: ['coordinator'], sub: 'matrix-coordinator' });
    await must(
      t.call('PUT', `/training-providers/${PROVIDER}`, {
        token: coordinator,
        body: { name: 'Rode Kruis-Vlaanderen', charter: 'red-cross-flanders' },
      }),
      200,
    );
    // Requests taken by phone need a coordinator on duty.
    await must(
      t.call('PUT', '/duty-roster', {
        token: coordinator,
        body: { onDuty: { name: 'Coördinator', phone: '+32499000001' }, backups: [] },
      }),
      200,
    );
    const municipalities = [
      { key: 'own', nis: OWN, name: 'Gent', postcode: '9000', slug: 'gent' },
      { key: 'other', nis: OTHER, name: 'Antwerpen', postcode: '2000', slug: 'antwerpen' },
    ] as const;
    for (const { key, nis, name, postcode, slug } of municipalities) {
      await must(
        t.call('PUT', `/municipalities/${nis}`, { token: coordinator, body: { neighbours: [] } }),
        201,
      );
      const admin = await t.token({ roles: ['municipal-admin'], municipality: nis, sub: `${slug}-admin` });
      const requesterSub = `${slug}-official`;
      await must(
        t.call('PUT', `/municipalities/${nis}/requesters`, {
          token: admin,
          body: { requesters: [requesterSub] },
        }),
        200,
      );
      requesterTokens[key] = await t.token({ roles: ['requester'], municipality: nis, sub: requesterSub });
      const volunteer = await must(
        t.call('POST', `/municipalities/${nis}/volunteers`, { token: admin, body: volunteerBody() }),
        201,
      );
      const group = await must(
        t.call('POST', `/municipalities/${nis}/groups`, {
          token: coordinator,
          body: {
            name: `Scouts ${name}`,
            kind: 'scouts',
            contact: { name: 'Leiding', phone: freshPhone() },
            members: [volunteerBody()],
          },
        }),
        201,
      );
      places[key] = {
        nis,
        name,
        postcode,
        requesterSub,
        volunteerId: volunteer.id,
        groupId: group.id,
        requestId: '',
        callCode: '',
        claimId: '',
        officialId: '',
      };
      places[key].officialId = await freshOfficial(places[key]);
      places[key].requestId = await dedicatedRequest(key);
      places[key].callCode = (
        await must(
          t.call('POST', `/help-requests/${places[key].requestId}/spontaneous-call`, { token: coordinator }),
          201,
        )
      ).code;
      // On site for two hours, straight through the repository: the matrix has nobody who accepted an alert.
      const deployment = await t.runtime.ports.deployments.checkIn(
        places[key].requestId,
        volunteer.id,
        ON_SITE.from,
        'matrix-coordinator',
        { municipality: nis, spontaneous: false },
      );
      await t.runtime.ports.deployments.checkOut(deployment, ON_SITE.to, 'matrix-coordinator');
      places[key].claimId = (
        await must(t.call('POST', '/claims', { token: coordinator, body: claimBody(places[key]) }), 201)
      ).id;
    }
    places.unknown = {
      nis: UNJOINED,
      name: 'Leuven',
      postcode: '3000',
      requesterSub: 'leuven-official',
      volunteerId: UNKNOWN_ID,
      groupId: UNKNOWN_ID,
      requestId: UNKNOWN_ID,
      callCode: 'ZZZZZZZZZZ',
      claimId: UNKNOWN_ID,
      officialId: UNKNOWN_ID,
    };
  });
  afterAll(async () => {
    await t?.runtime.stop();
  });

  it.each(CASES)(TITLE, async (c) => {
    const place = places[c.target === 'none' ? 'own' : c.target];
    let id: string | undefined;
    if (c.row.id === 'provider') id = PROVIDER;
    else if (c.row.id) id = place[c.row.id];
    // The volunteer caller is the own municipality's volunteer, or the throwaway one when erasing their own record.
    let self = places.own.volunteerId;
    if (c.row.fresh && (c.target === 'own' || c.target === 'other')) {
      if (c.row.id === 'volunteerId') {
        id = await throwawayVolunteer(place);
        if (c.target === 'own') self = id;
      } else if (c.row.id === 'requestId') {
        id = await dedicatedRequest(c.target);
      } else if (c.row.id === 'officialId') {
        id = await freshOfficial(place);
      }
    }
    const path = `${c.path}${c.row.query ?? ''}`
      .replaceAll('{nis}', place.nis)
      .replaceAll('{volunteerId}', place.volunteerId)
      .replace('{id}', id ?? '')
      .replace('{code}', id ?? '')
      .replace('{year}', String(REPORT_YEAR));
    const response = await t.call(c.method, path, {
      token: await tokenOf(c.caller, self),
      ...(c.body ? { body: c.body(place) } : {}),
      ...(c.method === 'POST' && c.path === '/help-requests'
        ? { headers: { 'Idempotency-Key': randomUUID() } }
        : {}),
    });

    expect(response.status, JSON.stringify(response.body)).toBe(c.expect);
    // Every refusal names its correlation id, and nothing else beyond API.md's body.
    const correlationId = expect.stringMatching(/\S/);
    if (c.expect === 401) expect(response.body).toEqual({ error: 'Unauthorized', correlationId });
    else if (c.expect === 403) {
      expect(response.body).toEqual({ error: 'Forbidden', message: expect.any(String), correlationId });
      expect(response.body.message).not.toBe('');
    } else if (c.expect === 404) expect(response.body).toEqual({ error: 'NotFound', correlationId });
    else if (c.expect === 204) {
      expect(response.body).toBeUndefined();
      if (c.row.id === 'officialId') {
        // A removed official stays listed, disabled: the account is kept, signed out.
        const listed = await t.call('GET', `/municipalities/${place.nis}/officials`, { token: coordinator });
        expect(listed.body.officials).toContainEqual(expect.objectContaining({ id, status: 'disabled' }));
      } else expect((await t.call('GET', path, { token: coordinator })).status).toBe(404);
    } else c.row.check?.(response.body, place, id);
  });

  it.each(PUBLIC_CASES)('$who gets 200 for GET $path', async ({ caller, path }) => {
    const token = await tokenOf(caller, places.own.volunteerId);
    const response = await t.call('GET', path, token ? { token } : {});
    expect(response.status).toBe(200);
  });

  it("shows Gent's requester and admin a widened request with Antwerp's volunteers counted, never named or identified", async () => {
    const named = async (nis: string, name: string) => {
      const phone = freshPhone();
      await must(t.call('POST', '/_local/sms/undeliverable', { body: { phone } }), 200);
      const body = await must(
        t.call('POST', `/municipalities/${nis}/volunteers`, {
          token: coordinator,
          body: { name, birthDate: '1990-05-01', phone },
        }),
        201,
      );
      return body.id as string;
    };
    const gentMember = await named(OWN, 'Gentse Onbereikbaar');
    const antwerpMember = await named(OTHER, 'Antwerpse Onbereikbaar');
    const id = await dedicatedRequest('own');
    await must(
      t.call('POST', `/help-requests/${id}/activations`, {
        token: coordinator,
        body: { scope: 'municipalities', municipalities: [OTHER] },
      }),
      202,
    );
    // Every unreachable volunteer the caller may see, page after page: on a slow machine other alerts of the
    // request expire too, more than the view's first page holds.
    const unreachableFor = async (token: string): Promise<Body[]> => {
      const listed: Body[] = [];
      let cursor: string | undefined;
      do {
        const page = await must(
          t.call('GET', `/help-requests/${id}/unreachable?limit=200${cursor ? `&cursor=${cursor}` : ''}`, {
            token,
          }),
          200,
        );
        listed.push(...page.volunteers);
        cursor = page.next;
      } while (cursor);
      return listed;
    };
    const full = await eventually(async () => {
      await t.runtime.queue.drain();
      const ids = (await unreachableFor(coordinator)).map((v) => v.volunteerId);
      return ids.includes(gentMember) && ids.includes(antwerpMember) ? ids : undefined;
    });
    // On site through the repository: the timeline then holds an entry naming the Antwerp member's id.
    await t.runtime.ports.deployments.checkIn(
      id,
      antwerpMember,
      new Date().toISOString(),
      'matrix-coordinator',
      {
        municipality: OTHER,
        spontaneous: false,
      },
    );
    const coordinatorView = (await t.call('GET', `/help-requests/${id}`, { token: coordinator })).body;
    expect(JSON.stringify(coordinatorView)).toContain('Antwerpse Onbereikbaar');
    expect(JSON.stringify(coordinatorView.timeline)).toContain(antwerpMember);

    for (const caller of ['requester', 'admin'] as const) {
      const response = await t.call('GET', `/help-requests/${id}`, {
        token: await tokenOf(caller, places.own.volunteerId),
      });
      expect(response.status).toBe(200);
      const view = response.body;
      // Gent's own are named, everyone else is only counted.
      const listed = await unreachableFor((await tokenOf(caller, places.own.volunteerId))!);
      expect(listed).toContainEqual(
        expect.objectContaining({ volunteerId: gentMember, name: 'Gentse Onbereikbaar', municipality: OWN }),
      );
      expect(listed.every((v) => v.municipality === OWN)).toBe(true);
      expect(JSON.stringify(listed)).not.toContain(antwerpMember);
      expect(view.unreachable.volunteers.every((v: Body) => v.municipality === OWN)).toBe(true);
      expect(view.unreachable.otherMunicipalities).toBeGreaterThanOrEqual(1);
      expect(view.unreachable.count).toBeGreaterThanOrEqual(full.length);
      expect(JSON.stringify(view)).not.toContain('Antwerpse Onbereikbaar');
      expect(JSON.stringify(view)).not.toContain(antwerpMember);
      expect(view.timeline.find((e: Body) => e.type === 'checked-in')).toEqual(
        expect.not.objectContaining({ volunteerId: expect.anything() }),
      );
    }
  });

  it('has rows for every route of ROUTES and every caller, so a new route cannot slip past the matrix', () => {
    const key = (r: { method: string; path: string }) => `${r.method} ${r.path}`;
    // Public routes outside the matrix are the read-only ones every caller gets 200 for.
    expect(
      ROUTES.filter((r) => r.public && !MATRIX.some((row) => row.path === r.path))
        .map((r) => r.path)
        .sort(),
    ).toEqual([...PUBLIC_PATHS].sort());
    const routes = ROUTES.filter((r) => !PUBLIC_PATHS.includes(r.path)).map(key);
    expect([...new Set(CASES.map(key))].sort()).toEqual([...new Set(routes)].sort());
    for (const route of routes) {
      const rows = CASES.filter((c) => key(c) === route);
      const callers = rows.map((c) => c.caller);
      for (const caller of ['anonymous', ...SIGNED] as const) expect(callers, route).toContain(caller);
      if (!rows.some((c) => c.target !== 'none')) continue;
      for (const caller of SIGNED) {
        const targets = rows.filter((c) => c.caller === caller).map((c) => c.target);
        expect(targets, `${route} ${caller}`).toEqual(expect.arrayContaining(['own', 'other']));
      }
    }
  });
});
