import type { SmsJob } from '../schemas/sms-job';

/** Who an SMS is for, as the logs may say it: never a phone number or a spontaneous volunteer's id. */
export const recipientOf = (job: SmsJob): string => {
  if (job.kind === 'coordinator') return `coordinator level ${job.level}`;
  if (job.kind === 'shortfall' || job.kind === 'lifecycle-failed') return 'coordinator on duty';
  if (job.kind === 'roster-exhausted') return 'crisis centre';
  if (job.kind === 'claim-status') return `claimant of claim ${job.claimId}`;
  return job.spontaneous ? 'spontaneous volunteer' : job.volunteerId;
};
