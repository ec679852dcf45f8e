import type { Alert } from '../../shared/domain/alert';
import { replyCodeFor } from '../../shared/domain/reply-code';
import type { SmsJob } from '../../shared/schemas/sms-job';
import type { SentSms } from '../../shared/store/sms-ledger-repository';

/** A queued, unanswered alert of one volunteer for one request, with the reply code mobilisation gives it. */
export const anAlert = (requestId: string, volunteerId: string, overrides: Partial<Alert> = {}): Alert => ({
  requestId,
  volunteerId,
  municipality: '44021',
  code: replyCodeFor(requestId, volunteerId),
  smsStatus: 'queued',
  createdAt: '2026-03-01T10:00:05.000Z',
  ...overrides,
});

/** The dispatcher's job for an alert. */
export const anAlertJob = (
  alert: Pick<Alert, 'requestId' | 'volunteerId'>,
  to = '+32470123456',
): SmsJob & { kind: 'alert' | 'stand-down' } => ({
  requestId: alert.requestId,
  kind: 'alert',
  volunteerId: alert.volunteerId,
  to,
  body: `Rode Kruis: hulpvraag Gent: Wateroverlast. Kan je helpen? Antwoord JA 1234 of NEE 1234.`,
});

/** What the dispatcher records when the provider accepted `job`'s SMS: the first send, from the pool's first number. */
export const aSentSms = (job: SmsJob, messageId: string, overrides: Partial<SentSms> = {}): SentSms => ({
  job,
  messageId,
  originationNumber: '+32460000001',
  attempt: 1,
  ...overrides,
});
