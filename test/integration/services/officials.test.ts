import { beforeAll, describe, expect, it } from 'vitest';
import { Conflict } from '../../../shared/domain/errors';
import { inviteOfficialBodySchema } from '../../../shared/schemas/official';
import { inviteOfficial, removeOfficial, requestersWithPeople } from '../../../shared/services/officials';
import { putMunicipality, putRequesters } from '../../../shared/services/registry';
import { anIdentity } from '../../builders/identity';
import { createTestTables } from '../../support/tables';
import { scanTable, type TestPorts, testPorts } from '../ports';

const GENT = '44021';
const coordinator = anIdentity(['coordinator'], undefined, 'coordinator-1');
const admin = anIdentity(['municipal-admin'], GENT, 'gent-admin');

let ports: TestPorts;
let tables: Record<string, string>;
let invited = 0;
const anInvitation = (overrides: Record<string, unknown> = {}) =>
  inviteOfficialBodySchema.parse({
    email: `official-${++invited}@gent.be`,
    name: `Ambtenaar ${invited}`,
    role: 'requester',
    ...overrides,
  });
const requestersOfGent = () => ports.municipalities.requesters(GENT);

describe('officials with DynamoDB Local', () => {
  beforeAll(async () => {
    ({ tables } = await createTestTables());
    ports = testPorts();
    await putMunicipality(ports, coordinator, GENT, { neighbours: [] });
  });

  it('makes one official and one account of two invitations of one address at the same moment; the other is a 409', async () => {
    const body = anInvitation();
    const results = await Promise.allSettled([
      inviteOfficial(ports, coordinator, GENT, body),
      inviteOfficial(ports, admin, GENT, body),
    ]);
    const fulfilled = results.filter((r) => r.status === 'fulfilled');
    const rejected = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(fulfilled).toHaveLength(1);
    expect(rejected).toHaveLength(1);
    expect(rejected[0]!.reason).toBeInstanceOf(Conflict);
    const officials = (await ports.officials.list(GENT)).filter((o) => o.email === body.email);
    expect(officials).toHaveLength(1);
    expect(ports.officialAccounts.outbox.filter((mail) => mail.to === body.email)).toHaveLength(1);
    expect((await requestersOfGent()).filter((sub) => sub === officials[0]!.id)).toHaveLength(1);
  });

  it('names an invited requester on the list beside the subs the admin named by hand; an invited admin is not named', async () => {
    await putRequesters(ports, admin, GENT, { requesters: ['m2m-44021-GentCrisis'] });
    const requester = await inviteOfficial(ports, coordinator, GENT, anInvitation());
    const municipalAdmin = await inviteOfficial(
      ports,
      coordinator,
      GENT,
      anInvitation({ role: 'municipal-admin' }),
    );

    expect(await requestersOfGent()).toEqual(['m2m-44021-GentCrisis', requester.id]);
    expect(await requestersWithPeople(ports, GENT, await requestersOfGent())).toEqual({
      requesters: ['m2m-44021-GentCrisis', requester.id],
      people: [
        { sub: 'm2m-44021-GentCrisis' },
        { sub: requester.id, name: requester.name, email: requester.email },
      ],
    });
    expect(await ports.officials.get(GENT, municipalAdmin.id)).toMatchObject({ role: 'municipal-admin' });
  });

  it('takes exactly the removed official off the list, wherever the admin put them, and keeps the others', async () => {
    const requester = await inviteOfficial(ports, admin, GENT, anInvitation());
    await putRequesters(ports, admin, GENT, { requesters: ['first', requester.id, 'last'] });

    await removeOfficial(ports, admin, GENT, requester.id);

    expect(await requestersOfGent()).toEqual(['first', 'last']);
    expect(await ports.officials.get(GENT, requester.id)).toMatchObject({
      removedAt: expect.any(String),
      removedBy: 'gent-admin',
    });
    expect(await ports.officialAccounts.stateOf(requester.id)).toBe('disabled');
    // Again: nothing changes, no second audit entry.
    await removeOfficial(ports, admin, GENT, requester.id);
    expect(await requestersOfGent()).toEqual(['first', 'last']);
    const removals = (await scanTable(tables.Audit!)).filter(
      (entry) => entry.action === 'official.removed' && entry.entityId === requester.id,
    );
    expect(removals).toHaveLength(1);
  });

  it('refuses a removal whose read of the list went stale rather than removing someone else', async () => {
    const requester = await inviteOfficial(ports, admin, GENT, anInvitation());
    await putRequesters(ports, admin, GENT, { requesters: [requester.id, 'stays'] });
    const stale = await requestersOfGent();
    // The admin reorders the list between the read and the write.
    await putRequesters(ports, admin, GENT, { requesters: ['stays', requester.id] });
    const official = (await ports.officials.get(GENT, requester.id))!;

    await expect(
      ports.officials.remove(official, admin, new Date().toISOString(), stale),
    ).rejects.toBeInstanceOf(Conflict);
    expect(await requestersOfGent()).toEqual(['stays', requester.id]);
    expect((await ports.officials.get(GENT, requester.id))!.removedAt).toBeUndefined();
  });

  it('audits invitations and removals by ids only: no name or e-mail address in the audit trail', async () => {
    const body = anInvitation({ name: 'Griet Uniekenaam', email: 'griet.uniek@gent.be' });
    const official = await inviteOfficial(ports, admin, GENT, body);
    await removeOfficial(ports, coordinator, GENT, official.id);

    const audit = await scanTable(tables.Audit!);
    expect(
      audit
        .filter((entry) => entry.entityId === official.id)
        .map((entry) => entry.action)
        .sort(),
    ).toEqual(['official.invited', 'official.removed']);
    const text = JSON.stringify(audit);
    expect(text).not.toContain('Griet');
    expect(text).not.toContain('griet.uniek');
  });
});
