import type { Alert } from '../domain/alert';
import { missedRecipient } from '../domain/origination';
import { operationsKeys } from './keys/operations-keys';

/** The attributes the unreachable listing (gsi3) shows: the index keeps only these of an alert. */
export const MISSED_ALERT_ATTRIBUTES = [
  'requestId',
  'volunteerId',
  'municipality',
  'smsStatus',
  'createdAt',
  'failedAt',
  'failureReason',
  'spontaneous',
] as const;

/** An alert as stored: its keys and the index keys its state puts it under (answered, unreachable). */
export const alertItem = (alert: Alert) => ({
  ...operationsKeys.alert(alert.requestId, alert.volunteerId),
  ...operationsKeys.alertIndex(alert.volunteerId, alert.requestId),
  ...operationsKeys.missedSort(alert.municipality, alert.volunteerId),
  ...(alert.response && alert.respondedAt
    ? operationsKeys.answeredIndex(alert.requestId, alert.respondedAt, alert.volunteerId)
    : {}),
  ...(missedRecipient(alert.smsStatus) ? operationsKeys.missedIndex(alert.requestId) : {}),
  ...alert,
});
