import { beforeAll, describe, expect, it } from 'vitest';
import { activate } from '../../../shared/services/activations';
import { checkIn, checkOut } from '../../../shared/services/deployments';
import {
  acknowledgeHelpRequest,
  closeHelpRequest,
  launchHelpRequest,
} from '../../../shared/services/help-requests';
import { mobilise } from '../../../shared/services/lifecycle';
import { putMunicipality, putRequesters, registerVolunteer } from '../../../shared/services/registry';
import { handleInboundSms } from '../../../shared/services/sms';
import { openSpontaneousCall } from '../../../shared/services/spontaneous';
import { putTrainingProvider } from '../../../shared/services/training';
import { aCreateHelpRequestBody } from '../../builders/help-request';
import { anIdentity } from '../../builders/identity';
import { aRegistration } from '../../builders/registration';
import { createTestTables } from '../../support/tables';
import { scanTable, TestClock, type TestPorts, testPorts } from '../ports';

const MECHELEN = '12025';
const coordinator = anIdentity(['coordinator'], undefined, 'coordinator-3');
const crisisCentre = anIdentity(['crisis-centre'], undefined, 'crisis-centre-1');
const official = anIdentity(['requester'], MECHELEN, 'mechelen-official');
const NAME = 'Rosalie Nooitgelogd';
const PHONE = '+32478112233';

let ports: TestPorts;
let auditTable: string;
let requestId: string;
let volunteerId: string;

const at = (minute: number) => `2026-03-02T10:${String(minute).padStart(2, '0')}:00.000Z`;
const entriesFor = async (entityId: string) =>
  (await scanTable(auditTable)).filter((entry) => entry.entityId === entityId);
const byAction = async (entityId: string, action: string) =>
  (await entriesFor(entityId)).filter((entry) => entry.action === action);

beforeAll(async () => {
  auditTable = (await createTestTables()).tables.Audit!;
  ports = testPorts(new TestClock(at(0)));
  await putMunicipality(ports, coordinator, MECHELEN, { neighbours: ['12014'] });
  await putRequesters(ports, anIdentity(['municipal-admin'], MECHELEN), MECHELEN, {
    requesters: [official.sub],
  });
  volunteerId = (
    await registerVolunteer(ports, coordinator, MECHELEN, aRegistration({ name: NAME, phone: PHONE }))
  ).id;

  ports.clock.set(at(1));
  requestId = (
    await launchHelpRequest(
      ports,
      official,
      aCreateHelpRequestBody({ municipality: MECHELEN, channel: 'api', spontaneousCallAllowed: true }),
    )
  ).id;
  ports.clock.set(at(2));
  await acknowledgeHelpRequest(ports, coordinator, requestId);
  ports.clock.set(at(3));
  await activate(ports, coordinator, requestId, { scope: 'neighbours' });
  ports.clock.set(at(4));
  await activate(ports, crisisCentre, requestId, { scope: 'province', phaseReference: 'GOUV-ANT-2026-014' });
  ports.clock.set(at(5));
  await openSpontaneousCall(ports, coordinator, requestId, 'https://crisis.example');
  // The lifecycle's mobilisation alerts the member (no state machine runs here); they accept.
  await mobilise(ports, requestId, 'everyone');
  const alert = await ports.alerts.get(requestId, volunteerId);
  await handleInboundSms(
    ports,
    { originationNumber: PHONE, messageBody: `JA ${alert!.code}`, inboundMessageId: 'audit-reply' },
    at(5),
  );
  ports.clock.set(at(6));
  await checkIn(ports, coordinator, requestId, volunteerId);
  ports.clock.set(at(7));
  await checkOut(ports, coordinator, requestId, volunteerId);
  ports.clock.set(at(8));
  await closeHelpRequest(ports, coordinator, requestId);
  ports.clock.set(at(9));
  await putTrainingProvider(ports, coordinator, 'rode-kruis-mechelen', {
    name: 'Rode Kruis Mechelen',
    charter: 'red-cross-flanders',
  });
});

describe('the audit trail of operational acts, with DynamoDB Local', () => {
  it.each([
    { action: 'help-request.launched', actor: official, minute: 1 },
    { action: 'help-request.acknowledged', actor: coordinator, minute: 2 },
    { action: 'help-request.spontaneous-call-opened', actor: coordinator, minute: 5 },
    { action: 'help-request.closed', actor: coordinator, minute: 8 },
  ])('records $action with its actor, roles and time', async ({ action, actor, minute }) => {
    expect(await byAction(requestId, action)).toEqual([
      expect.objectContaining({
        actor: actor.sub,
        roles: actor.roles,
        entityType: 'help-request',
        entityId: requestId,
        at: at(minute),
      }),
    ]);
  });

  it('records each activation with who authorised it, its scope and, province- or Flanders-wide, the declared phase', async () => {
    const activations = await byAction(requestId, 'help-request.activated');
    expect(activations).toEqual([
      expect.objectContaining({
        actor: coordinator.sub,
        roles: ['coordinator'],
        at: at(3),
        scope: 'neighbours',
      }),
      expect.objectContaining({
        actor: crisisCentre.sub,
        roles: ['crisis-centre'],
        at: at(4),
        scope: 'province',
        phaseReference: 'GOUV-ANT-2026-014',
      }),
    ]);
    expect(activations[0]).not.toHaveProperty('phaseReference');
  });

  it('records the check-in and the check-out of a volunteer by id, with the coordinator who recorded them', async () => {
    for (const [action, minute] of [
      ['help-request.checked-in', 6],
      ['help-request.checked-out', 7],
    ] as const) {
      expect(await byAction(requestId, action)).toEqual([
        expect.objectContaining({
          actor: coordinator.sub,
          roles: ['coordinator'],
          at: at(minute),
          volunteerId,
        }),
      ]);
    }
  });

  it('records who put a training provider, and when', async () => {
    expect(await byAction('rode-kruis-mechelen', 'training-provider.put')).toEqual([
      expect.objectContaining({
        actor: coordinator.sub,
        roles: ['coordinator'],
        entityType: 'training-provider',
        at: at(9),
      }),
    ]);
  });

  it('records a launch whose lifecycle could not be started as withdrawn again, by the system', async () => {
    const failing = {
      ...ports,
      workflow: {
        start: async () => {
          throw new Error('Step Functions unavailable');
        },
        resume: async () => {},
      },
    };
    ports.clock.set(at(10));
    const body = aCreateHelpRequestBody({ municipality: MECHELEN, channel: 'api' });
    await expect(launchHelpRequest(failing, official, body)).rejects.toThrow('Step Functions unavailable');

    const launched = (await scanTable(auditTable)).filter(
      (entry) => entry.action === 'help-request.launched' && entry.at === at(10),
    );
    expect(launched).toHaveLength(1);
    expect(await byAction(launched[0]!.entityId as string, 'help-request.launch-withdrawn')).toEqual([
      expect.objectContaining({ actor: 'system', at: at(10), reason: 'lifecycle-not-started' }),
    ]);
  });

  it('keeps no name or phone number in the audit entries of a request', async () => {
    const text = JSON.stringify(await entriesFor(requestId));
    for (const personal of [NAME, 'Nooitgelogd', PHONE, '478112233']) expect(text).not.toContain(personal);
  });
});
