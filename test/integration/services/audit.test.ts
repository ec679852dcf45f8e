import { beforeAll, describe, expect, it } from 'vitest';
import {
  eraseVolunteer,
  putMunicipality,
  putRequesters,
  registerVolunteer,
  updateVolunteer,
} from '../../../shared/services/registry';
import { anIdentity } from '../../builders/identity';
import { aRegistration } from '../../builders/registration';
import { createTestTables } from '../../support/tables';
import { scanTable, TestClock, type TestPorts, testPorts } from '../ports';

const LIER = '12021';
const coordinator = anIdentity(['coordinator'], undefined, 'coordinator-7');
const admin = anIdentity(['municipal-admin'], LIER, 'lier-admin');
const NAME = 'Jozefien Auditvrij';
const PHONE = '+32479887766';

let ports: TestPorts;
let auditTable: string;
let volunteerId: string;

const auditEntries = () => scanTable(auditTable);
const entriesOf = async (entityId: string) =>
  (await auditEntries()).filter((item) => item.entityId === entityId);

beforeAll(async () => {
  auditTable = (await createTestTables()).tables.Audit!;
  ports = testPorts(new TestClock('2026-03-02T10:00:00.000Z'));

  await putMunicipality(ports, coordinator, LIER, { neighbours: ['12002'] });
  ports.clock.set('2026-03-02T10:01:00.000Z');
  await putMunicipality(ports, coordinator, LIER, { neighbours: ['12002', '12026'] });
  ports.clock.set('2026-03-02T10:02:00.000Z');
  await putRequesters(ports, admin, LIER, { requesters: ['lier-official'] });
  ports.clock.set('2026-03-02T10:03:00.000Z');
  volunteerId = (await registerVolunteer(ports, admin, LIER, aRegistration({ name: NAME, phone: PHONE }))).id;
  ports.clock.set('2026-03-02T10:04:00.000Z');
  await updateVolunteer(ports, admin, volunteerId, { availabilityNotes: 'na 18u' });
  ports.clock.set('2026-03-02T10:05:00.000Z');
  await eraseVolunteer(ports, coordinator, volunteerId);
});

describe('the audit trail with DynamoDB Local', () => {
  it('records who registered, updated and erased a volunteer, with their roles, and when', async () => {
    const entries = await entriesOf(volunteerId);

    const byAction = (action: string) => entries.filter((e) => e.action === action);
    expect(byAction('volunteer.registered')).toEqual([
      expect.objectContaining({
        actor: 'lier-admin',
        roles: ['municipal-admin'],
        entityType: 'volunteer',
        entityId: volunteerId,
        at: '2026-03-02T10:03:00.000Z',
      }),
    ]);
    expect(byAction('volunteer.updated')).toEqual([
      expect.objectContaining({
        actor: 'lier-admin',
        roles: ['municipal-admin'],
        entityType: 'volunteer',
        at: '2026-03-02T10:04:00.000Z',
      }),
    ]);
    expect(byAction('volunteer.erased')).toEqual([
      expect.objectContaining({
        actor: 'coordinator-7',
        roles: ['coordinator'],
        entityType: 'volunteer',
        at: '2026-03-02T10:05:00.000Z',
      }),
    ]);
  });

  it('records the join and the later update of a municipality by the coordinator', async () => {
    const entries = await entriesOf(LIER);

    expect(entries.filter((e) => e.action !== 'municipality.requesters-set')).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          action: 'municipality.joined',
          actor: 'coordinator-7',
          roles: ['coordinator'],
          entityType: 'municipality',
          at: '2026-03-02T10:00:00.000Z',
        }),
        expect.objectContaining({
          action: 'municipality.updated',
          actor: 'coordinator-7',
          roles: ['coordinator'],
          entityType: 'municipality',
          at: '2026-03-02T10:01:00.000Z',
        }),
      ]),
    );
    expect(entries.find((e) => e.action === 'municipality.requesters-set')).toMatchObject({
      actor: 'lier-admin',
      roles: ['municipal-admin'],
      at: '2026-03-02T10:02:00.000Z',
    });
  });

  it('gives every entry its actor, roles, action, entity and time', async () => {
    const entries = await auditEntries();

    expect(entries.length).toBeGreaterThanOrEqual(6);
    for (const entry of entries) {
      expect(entry).toMatchObject({
        actor: expect.any(String),
        roles: expect.any(Array),
        action: expect.stringMatching(/^[a-z-]+\.[a-z-]+$/),
        entityType: expect.any(String),
        entityId: expect.any(String),
        at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      });
    }
  });

  it('keeps no name or phone number in any audit entry', async () => {
    const text = JSON.stringify(await auditEntries());

    for (const personal of [NAME, 'Auditvrij', PHONE, '0479887766', '479887766', 'na 18u']) {
      expect(text).not.toContain(personal);
    }
  });
});
