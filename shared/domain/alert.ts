/**
 * An alert: one volunteer asked to help with one request, and their answer. Pure rules; the alerts are stored by
 * `AlertRepository`, which enforces what these rules decide with conditional writes.
 */
import type { Task } from '../schemas/common';
import type { SmsStatus } from './origination';

/** A yes fills a task (`accepted`), or is kept in reserve when no task the volunteer can take is still open. */
export type Answer = 'accepted' | 'declined' | 'reserve';

export interface Alert {
  requestId: string;
  volunteerId: string;
  /** The corps the volunteer belongs to (differs from the request's municipality after widening). */
  municipality: string;
  code: string;
  smsStatus: SmsStatus;
  createdAt: string;
  sentAt?: string;
  /** The provider's id of the last SMS sent, the number it went out on and how many were sent so far. */
  messageId?: string;
  /** Every provider message id the SMS went out under (a retry adds one): the purge deletes their pointers. */
  messageIds?: Set<string>;
  originationNumber?: string;
  attempts?: number;
  deliveredAt?: string;
  /** The last failed delivery: a retry follows the first, the second leaves the volunteer unreachable. */
  failedAt?: string;
  failureReason?: string;
  response?: Answer;
  /** The task an acceptance fills (absent on acceptances of requests from before per-task counts). */
  task?: Task;
  respondedAt?: string;
  /** When the volunteer was told that every task had enough volunteers, before they answered. */
  releasedAt?: string;
  note?: string;
  /** Set for a spontaneous volunteer: the person behind the alert lives in the AdHoc table. */
  spontaneous?: true;
  /** The lifecycle's wave that sent it; absent when every eligible member was alerted at once. */
  wave?: number;
  /**
   * The activation whose corps step wrote it: counted on the request's shards with its corps (or at the
   * activation's finish if the corps failed), never by the lifecycle's count.
   */
  activationId?: string;
}

/**
 * What an answer does to an alert: a repeated answer changes nothing, an answer older than the recorded one loses,
 * any other answer replaces the recorded one. Replacing moves the counts: the new answer counts and the previous
 * one (`previous`) no longer does; an acceptance fills `task` (`filled`), and a withdrawn acceptance frees the task
 * it filled (`vacated`).
 */
export type AnswerOutcome =
  | { outcome: 'repeated' }
  | { outcome: 'older-loses' }
  | { outcome: 'apply'; previous?: Answer; filled?: Task; vacated?: Task };

export const answerOutcome = (
  current: Pick<Alert, 'response' | 'respondedAt' | 'task'>,
  answer: Answer,
  answeredAt: string,
  task?: Task,
): AnswerOutcome => {
  if (current.response === answer) return { outcome: 'repeated' };
  // ISO timestamps of one clock compare as strings; an answer at the same instant still counts.
  if (current.respondedAt && current.respondedAt > answeredAt) return { outcome: 'older-loses' };
  const filled = answer === 'accepted' ? task : undefined;
  const vacated = current.response === 'accepted' ? current.task : undefined;
  return {
    outcome: 'apply',
    ...(current.response ? { previous: current.response } : {}),
    ...(filled ? { filled } : {}),
    ...(vacated ? { vacated } : {}),
  };
};

/** How an applied answer moves the request's counts: the new answer counts; the previous one and a release no longer. */
export type CountMoves = Partial<Record<Answer | 'released', number>>;

export const countMoves = (
  alert: Pick<Alert, 'releasedAt'>,
  answer: Answer,
  previous?: Answer,
): CountMoves => ({
  [answer]: 1,
  ...(previous ? { [previous]: -1 } : {}),
  ...(alert.releasedAt && !previous ? { released: -1 } : {}),
});
