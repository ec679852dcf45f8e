import { describe, expect, it } from 'vitest';
import type { Alert } from '../../../../shared/domain/alert';
import type { Ports } from '../../../../shared/ports';
import type { SmsJob } from '../../../../shared/schemas/sms-job';
import { mobilise } from '../../../../shared/services/lifecycle';
import { aHelpRequest } from '../../../builders/help-request-record';
import { aVolunteer } from '../../../builders/volunteer';

/** In-memory ports that log, in order, every batch of alerts written and every batch of SMS jobs queued. */
const portsLogging = (volunteers: number) => {
  const request = aHelpRequest({ needs: [{ task: 'logistics', volunteers: 10, adultsOnly: false }] });
  const members = Array.from({ length: volunteers }, (_, i) =>
    aVolunteer({ phone: `+32470${String(100000 + i)}` }),
  );
  const log: string[] = [];
  const stored: Alert[] = [];
  const ports = {
    helpRequests: {
      get: async () => request,
      markMobilising: async () => undefined,
      openRequestIds: async () => [request.id],
      raiseAlerted: async () => undefined,
      appendTimeline: async () => undefined,
    },
    activations: { listForRequest: async () => [] },
    volunteers: { listByMunicipality: async () => members },
    alerts: {
      forVolunteers: async () => [],
      createMany: async (alerts: Alert[]) => {
        log.push(`write ${alerts.length}`);
        stored.push(...alerts);
        return alerts.length;
      },
      countForRequest: async () => stored.length,
    },
    smsJobs: {
      enqueue: async (jobs: SmsJob[]) => {
        // Only alerts on record may be queued: the dispatcher claims the alert before it sends.
        const onRecord = new Set(stored.map((a) => a.volunteerId));
        if (jobs.some((job) => job.kind === 'alert' && !onRecord.has(job.volunteerId)))
          throw new Error('an SMS was queued before its alert was written');
        log.push(`queue ${jobs.length}`);
      },
    },
    clock: { now: () => new Date('2026-03-01T10:00:00.000Z') },
  } as unknown as Ports;
  return { ports, request, log };
};

describe('mobilise', () => {
  it('queues each round of SMS as soon as its alerts are on record, so a mass activation starts sending at once', async () => {
    const { ports, request, log } = portsLogging(2500);

    expect(await mobilise(ports, request.id, 'everyone')).toEqual({
      alerted: 2500,
      closed: false,
      moreWaves: false,
    });
    expect(log).toEqual(['write 1000', 'queue 1000', 'write 1000', 'queue 1000', 'write 500', 'queue 500']);
  });
});
