import { beforeAll, describe, expect, it } from 'vitest';
import { Conflict, Forbidden } from '../../../shared/domain/errors';
import { launchHelpRequest } from '../../../shared/services/help-requests';
import { putMunicipality, putRequesters } from '../../../shared/services/registry';
import { aCreateHelpRequestBody } from '../../builders/help-request';
import { anIdentity } from '../../builders/identity';
import { createTestTables } from '../../support/tables';
import { scanTable, type TestPorts, testPorts } from '../ports';

const GENT = '44021';
const coordinator = anIdentity(['coordinator'], undefined, 'coordinator-1');
const gentAdmin = anIdentity(['municipal-admin'], GENT, 'gent-admin');
const named = anIdentity(['requester'], GENT, 'gent-official-named');
const notNamed = anIdentity(['requester'], GENT, 'gent-official-not-named');

let ports: TestPorts;
let operationsTable: string;
beforeAll(async () => {
  operationsTable = (await createTestTables()).tables.Operations!;
  ports = testPorts();
  await putMunicipality(ports, coordinator, GENT, { neighbours: [] });
  await putMunicipality(ports, coordinator, '44019', { neighbours: [] });
});

describe('the requesters a municipality names, with DynamoDB Local', () => {
  it('stores the officials the municipal-admin names and answers them', async () => {
    await putRequesters(ports, gentAdmin, GENT, { requesters: [named.sub, 'gent-official-2'] });

    expect(await ports.municipalities.requesters(GENT)).toEqual([named.sub, 'gent-official-2']);
  });

  it('refuses a requester whose sub is not on the list, stores no request and starts no lifecycle', async () => {
    await putRequesters(ports, gentAdmin, GENT, { requesters: [named.sub] });
    const started = ports.workflow.started.length;
    const body = aCreateHelpRequestBody({ title: 'Niet genoemde ambtenaar' });

    await expect(launchHelpRequest(ports, notNamed, body)).rejects.toBeInstanceOf(Forbidden);

    expect(ports.workflow.started).toHaveLength(started);
    expect(JSON.stringify(await scanTable(operationsTable))).not.toContain('Niet genoemde ambtenaar');
  });

  it('launches the request of a named requester and starts its lifecycle', async () => {
    await putRequesters(ports, gentAdmin, GENT, { requesters: [named.sub] });

    const request = await launchHelpRequest(ports, named, aCreateHelpRequestBody());

    expect(request).toMatchObject({ municipality: GENT, status: 'requested', requestedBy: named.sub });
    expect(await ports.helpRequests.get(request.id)).toEqual(request);
    expect(ports.workflow.started).toContainEqual({ requestId: request.id, timing: ports.timing });
  });

  it('refuses a requester who was named before but left the list at its last change', async () => {
    await putRequesters(ports, gentAdmin, GENT, { requesters: [named.sub] });
    await putRequesters(ports, gentAdmin, GENT, { requesters: ['gent-official-2'] });

    await expect(launchHelpRequest(ports, named, aCreateHelpRequestBody())).rejects.toBeInstanceOf(Forbidden);
  });

  it('refuses a request taken by phone with a conflict while nobody is on the duty roster, storing nothing', async () => {
    const started = ports.workflow.started.length;
    const body = aCreateHelpRequestBody({ channel: 'phone', title: 'Zonder wachtdienst' });

    const refused = launchHelpRequest(ports, coordinator, body);

    await expect(refused).rejects.toBeInstanceOf(Conflict);
    await expect(refused).rejects.toThrow(/duty roster is empty/);
    expect(ports.workflow.started).toHaveLength(started);
    expect(JSON.stringify(await scanTable(operationsTable))).not.toContain('Zonder wachtdienst');
  });

  it('accepts a request through the API while the duty roster is empty, and says so in its timeline and a metric', async () => {
    await putRequesters(ports, gentAdmin, GENT, { requesters: [named.sub] });
    const before = ports.metrics.values('LaunchedWithoutDutyRoster').length;

    const request = await launchHelpRequest(ports, named, aCreateHelpRequestBody({ channel: 'api' }));

    expect(ports.workflow.started).toContainEqual({ requestId: request.id, timing: ports.timing });
    expect((await ports.helpRequests.timeline(request.id)).map((entry) => entry.type)).toContain(
      'duty-roster-empty',
    );
    expect(ports.metrics.values('LaunchedWithoutDutyRoster').slice(before)).toEqual([1]);
  });

  it('lets a coordinator enter a request taken by phone for a municipality that named nobody', async () => {
    await ports.dutyRoster.put(
      { onDuty: { name: 'Van dienst', phone: '+32499100001' }, backups: [] },
      coordinator,
      ports.clock.now().toISOString(),
    );
    expect(await ports.municipalities.requesters('44019')).toEqual([]);

    const request = await launchHelpRequest(
      ports,
      coordinator,
      aCreateHelpRequestBody({ municipality: '44019', channel: 'phone' }),
    );

    expect(await ports.helpRequests.get(request.id)).toMatchObject({
      municipality: '44019',
      channel: 'phone',
    });
    expect(ports.workflow.started).toContainEqual({ requestId: request.id, timing: ports.timing });
  });
});
