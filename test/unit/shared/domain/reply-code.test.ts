import { describe, expect, it } from 'vitest';
import { freeReplyCode, replyCodeFor } from '../../../../shared/domain/reply-code';
import { testId } from '../../../builders/ids';

const requestId = testId(900001);
const volunteerIds = Array.from({ length: 100 }, (_, i) => testId(i + 1));

describe('replyCodeFor', () => {
  it.each(volunteerIds.slice(0, 10))(
    'gives volunteer %s a code of four digits without a leading zero',
    (id) => {
      expect(replyCodeFor(requestId, id)).toMatch(/^[1-9]\d{3}$/);
    },
  );

  it('gives four-digit codes for arbitrary, empty and non-ASCII ids', () => {
    for (const [request, volunteer] of [
      ['', ''],
      ['r', 'v'],
      ['hulpvraag-België', 'vrijwilliger-é'],
      ['x'.repeat(500), 'y'.repeat(500)],
    ] as const) {
      expect(replyCodeFor(request, volunteer)).toMatch(/^[1-9]\d{3}$/);
    }
  });

  it('gives a retried mobilisation the same code for the same request and volunteer', () => {
    const first = volunteerIds.map((id) => replyCodeFor(requestId, id));
    const retry = volunteerIds.map((id) => replyCodeFor(requestId, id));
    expect(retry).toEqual(first);
  });

  it('spreads the codes of 100 volunteers of one request (at least 90 distinct)', () => {
    const codes = new Set(volunteerIds.map((id) => replyCodeFor(requestId, id)));
    expect(codes.size).toBeGreaterThanOrEqual(90);
  });

  it('gives one volunteer different codes for different requests (at least 90 distinct of 100)', () => {
    const volunteer = volunteerIds[0]!;
    const codes = new Set(Array.from({ length: 100 }, (_, i) => replyCodeFor(testId(500000 + i), volunteer)));
    expect(codes.size).toBeGreaterThanOrEqual(90);
  });

  it('does not give the same code when request and volunteer ids swap places', () => {
    const a = testId(1);
    const b = testId(2);
    expect(replyCodeFor(a, b)).not.toBe(replyCodeFor(b, a));
  });
});

describe('freeReplyCode', () => {
  it('keeps the hashed code when no open alert of the volunteer uses it', () => {
    expect(freeReplyCode(requestId, volunteerIds[0]!, new Set(['1234']))).toBe(
      replyCodeFor(requestId, volunteerIds[0]!),
    );
  });

  it('draws another code, the same one each time, when the hashed code is taken', () => {
    const hashed = replyCodeFor(requestId, volunteerIds[0]!);
    const drawn = freeReplyCode(requestId, volunteerIds[0]!, new Set([hashed]));
    expect(drawn).not.toBe(hashed);
    expect(drawn).toMatch(/^[1-9]\d{3}$/);
    expect(freeReplyCode(requestId, volunteerIds[0]!, new Set([hashed]))).toBe(drawn);
  });

  it('avoids every taken code, however many draws that needs', () => {
    const taken = new Set(Array.from({ length: 8990 }, (_, i) => String(1000 + i)));
    expect(taken.has(freeReplyCode(requestId, volunteerIds[1]!, taken))).toBe(false);
  });
});
