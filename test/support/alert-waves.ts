import { afterAll, beforeAll } from 'vitest';
import { inBatches } from '../../shared/batches';
import type { LifecycleTiming } from '../../shared/schemas/lifecycle';
import { launchHelpRequest } from '../../shared/services/help-requests';
import { aVolunteer } from '../builders/volunteer';
import { startTestRuntime } from './local-runtime';

export const COORDINATOR = { sub: 'coordinator-1', roles: ['coordinator' as const] };
export const AALST = '41002';
export const DENDERMONDE = '42006';
let phoneSeq = 0;

/** A runtime with these durations, a duty roster, and Aalst and its neighbour Dendermonde joined. */
export const startWith = async (timing: LifecycleTiming) => {
  const t = await startTestRuntime({ timing });
  const { ports } = t.runtime;
  await ports.dutyRoster.put(
    { onDuty: { name: 'Van dienst', phone: '+32499200001' }, backups: [] },
    COORDINATOR,
    new Date().toISOString(),
  );
  for (const [nis, name, neighbours] of [
    [AALST, 'Aalst', [DENDERMONDE]],
    [DENDERMONDE, 'Dendermonde', []],
  ] as const) {
    await ports.municipalities.put(
      {
        nis,
        name,
        nameFr: name,
        arrondissement: name,
        province: 'Oost-Vlaanderen',
        neighbours: [...neighbours],
        joinedAt: '2026-01-01T00:00:00Z',
        updatedAt: '2026-01-01T00:00:00Z',
      },
      undefined,
      COORDINATOR,
    );
  }
  return t;
};

export type Runtime = Awaited<ReturnType<typeof startWith>>;

/** A corps of `size` members; their phones, in registration order. */
export const corps = async (t: Runtime, municipality: string, size: number): Promise<string[]> => {
  const phones = Array.from({ length: size }, () => `+3247${String(2_000_000 + ++phoneSeq).slice(1)}`);
  // A group registers at most 30 members at once.
  for (const group of inBatches(phones, 30)) {
    await t.runtime.ports.volunteers.registerMembers(
      municipality,
      group.map((phone) =>
        aVolunteer({
          id: t.runtime.ports.newId(),
          municipality,
          phone,
          registeredAt: new Date().toISOString(),
        }),
      ),
      COORDINATOR,
    );
  }
  return phones;
};

export const launch = (t: Runtime, municipality: string, extra: { urgency?: 'normal' | 'immediate' } = {}) =>
  launchHelpRequest(t.runtime.ports, COORDINATOR, {
    municipality,
    title: 'Zandzakken Dender',
    channel: 'phone',
    needs: [{ task: 'logistics', volunteers: 2, adultsOnly: false }],
    location: { postcode: '9300' },
    allowWidening: true,
    spontaneousCallAllowed: false,
    ...extra,
  });

/** The corps members who got an alert SMS (a reply code) for this request, once the queue has drained. */
export const alertedAmong = async (t: Runtime, phones: string[]) => {
  await t.runtime.queue.drain();
  return phones.filter((phone) => t.runtime.outbox.sentTo(phone).some((sms) => /JA \d{4}/.test(sms.body)));
};

export const waves = async (t: Runtime, requestId: string) =>
  (await t.runtime.ports.helpRequests.timeline(requestId))
    .filter((entry) => entry.type === 'mobilised')
    .map((entry) => ({ wave: entry.wave, alerted: entry.alerted, scope: entry.scope as string[] }));

/**
 * The runtime of a describe block: started before its tests with these windows (seconds), stopped after them; the
 * coordinator's acknowledgement never times out during a test.
 */
export const runtimeWith = (windows: { responseWindowSeconds: number; waveWindowSeconds: number }) => {
  let t: Runtime | undefined;
  beforeAll(async () => {
    t = await startWith({ ackTimeoutSeconds: 600, aftercareWindowSeconds: 1, ...windows });
  });
  afterAll(async () => {
    await t?.runtime.stop();
  });
  return () => t as Runtime;
};
