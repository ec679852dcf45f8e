import { describe, expect, it } from 'vitest';
import { type Alert, type Answer, answerOutcome } from '../../../../shared/domain/alert';

const at = '2026-03-01T10:05:00.000Z';
const earlier = '2026-03-01T10:04:59.999Z';
const later = '2026-03-01T10:05:00.001Z';

type Current = Pick<Alert, 'response' | 'respondedAt' | 'task'>;
const answered = (response: Answer, respondedAt = at, task?: Alert['task']): Current => ({
  response,
  respondedAt,
  ...(task ? { task } : {}),
});

describe('answerOutcome', () => {
  it.each<[string, Current, Answer, string]>([
    ['a second yes', answered('accepted'), 'accepted', later],
    ['a second no', answered('declined'), 'declined', later],
    ['a second reserve', answered('reserve'), 'reserve', later],
    ['a redelivered no of the same instant', answered('declined'), 'declined', at],
    ['a repeat that is also older', answered('accepted'), 'accepted', earlier],
  ])('changes nothing for %s', (_, current, answer, answeredAt) => {
    expect(answerOutcome(current, answer, answeredAt, 'logistics')).toEqual({ outcome: 'repeated' });
  });

  it.each<[string, Current, Answer]>([
    ['a yes older than the recorded no', answered('declined', later), 'accepted'],
    ['a no older than the recorded yes', answered('accepted', later, 'logistics'), 'declined'],
    ['a reserve older than the recorded no', answered('declined', later), 'reserve'],
  ])('lets %s lose', (_, current, answer) => {
    expect(answerOutcome(current, answer, at, 'logistics')).toEqual({ outcome: 'older-loses' });
  });

  it('applies a first yes, which fills the task it was given', () => {
    expect(answerOutcome({}, 'accepted', at, 'logistics')).toEqual({ outcome: 'apply', filled: 'logistics' });
  });

  it('applies a first yes without a task (a request from before per-task counts) filling nothing', () => {
    expect(answerOutcome({}, 'accepted', at)).toEqual({ outcome: 'apply' });
  });

  it('applies a first no or reserve without filling the task it was given', () => {
    expect(answerOutcome({}, 'declined', at, 'logistics')).toEqual({ outcome: 'apply' });
    expect(answerOutcome({}, 'reserve', at, 'logistics')).toEqual({ outcome: 'apply' });
  });

  it('applies a changed mind from yes to no: the yes no longer counts and its task is freed', () => {
    expect(answerOutcome(answered('accepted', at, 'logistics'), 'declined', later)).toEqual({
      outcome: 'apply',
      previous: 'accepted',
      vacated: 'logistics',
    });
  });

  it('applies a changed mind from no to yes: the no no longer counts and the new task is filled', () => {
    expect(answerOutcome(answered('declined'), 'accepted', later, 'medical')).toEqual({
      outcome: 'apply',
      previous: 'declined',
      filled: 'medical',
    });
  });

  it('applies a reserve becoming a yes, freeing no task (a reserve filled none)', () => {
    expect(answerOutcome(answered('reserve'), 'accepted', later, 'logistics')).toEqual({
      outcome: 'apply',
      previous: 'reserve',
      filled: 'logistics',
    });
  });

  it('applies a yes without a recorded task becoming a no, freeing nothing', () => {
    expect(answerOutcome(answered('accepted'), 'declined', later)).toEqual({
      outcome: 'apply',
      previous: 'accepted',
    });
  });

  it('applies a different answer of the same instant as the recorded one', () => {
    expect(answerOutcome(answered('declined', at), 'reserve', at)).toEqual({
      outcome: 'apply',
      previous: 'declined',
    });
  });

  it('applies a different answer when the recorded one has no time', () => {
    expect(answerOutcome({ response: 'declined' }, 'reserve', earlier)).toEqual({
      outcome: 'apply',
      previous: 'declined',
    });
  });
});
