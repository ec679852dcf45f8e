import { describe, expect, it } from 'vitest';
import { recipientOf } from '../../../../shared/domain/sms-job';
import type { SmsJob } from '../../../../shared/schemas/sms-job';

const base = { requestId: 'req-1', to: '+32470123456', body: 'Rode Kruis: …' };
const spontaneousAlert: SmsJob = { ...base, kind: 'alert', volunteerId: 'spont-1', spontaneous: true };
const claimStatus: SmsJob = { ...base, kind: 'claim-status', claimId: 'claim-1', status: 'settled' };

describe('recipientOf', () => {
  it.each<{ what: string; job: SmsJob; recipient: string }>([
    { what: 'an alert', job: { ...base, kind: 'alert', volunteerId: 'vol-1' }, recipient: 'vol-1' },
    { what: 'a stand-down', job: { ...base, kind: 'stand-down', volunteerId: 'vol-1' }, recipient: 'vol-1' },
    { what: 'an enough notice', job: { ...base, kind: 'enough', volunteerId: 'vol-1' }, recipient: 'vol-1' },
    {
      what: "a coordinator's update",
      job: { ...base, kind: 'update', updateId: 'upd-1', volunteerId: 'vol-1' },
      recipient: 'vol-1',
    },
    { what: "a spontaneous volunteer's alert", job: spontaneousAlert, recipient: 'spontaneous volunteer' },
    {
      what: "a spontaneous volunteer's update",
      job: { ...base, kind: 'update', updateId: 'upd-1', volunteerId: 'spont-1', spontaneous: true },
      recipient: 'spontaneous volunteer',
    },
    {
      what: 'the on-duty coordinator’s alert',
      job: { ...base, kind: 'coordinator', level: 0 },
      recipient: 'coordinator level 0',
    },
    {
      what: "a backup's alert in the second round",
      job: { ...base, kind: 'coordinator', level: 2, round: 2 },
      recipient: 'coordinator level 2',
    },
    { what: 'a shortfall', job: { ...base, kind: 'shortfall' }, recipient: 'coordinator on duty' },
    {
      what: 'a failed lifecycle',
      job: { ...base, kind: 'lifecycle-failed', state: 'Mobilise' },
      recipient: 'coordinator on duty',
    },
    { what: 'an exhausted roster', job: { ...base, kind: 'roster-exhausted' }, recipient: 'crisis centre' },
    { what: "a claim's new status", job: claimStatus, recipient: 'claimant of claim claim-1' },
  ])('says $what is for "$recipient"', ({ job, recipient }) => {
    expect(recipientOf(job)).toBe(recipient);
  });

  it.each<{ what: string; job: SmsJob }>([
    { what: "a spontaneous volunteer's alert", job: spontaneousAlert },
    { what: "a claim's new status", job: claimStatus },
  ])('never names the phone number or a spontaneous volunteer’s id, for $what', ({ job }) => {
    expect(recipientOf(job)).not.toContain(base.to);
    expect(recipientOf(job)).not.toContain('spont-1');
  });
});
