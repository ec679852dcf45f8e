import { describe, expect, it } from 'vitest';
import { matchReply, parseReply, REJOIN_WORDS, type Reply } from '../../../../shared/domain/reply';

describe('parseReply', () => {
  it.each<{ body: string; reply: Reply }>([
    { body: 'PAUZE 7', reply: { kind: 'pause', days: 7 } },
    { body: 'pauze  14', reply: { kind: 'pause', days: 14 } },
    { body: 'PAUSE 3', reply: { kind: 'pause', days: 3 } },
    { body: 'Pause 0', reply: { kind: 'pause', days: 0 } },
    { body: 'PAUZE 90', reply: { kind: 'pause', days: 90 } },
    { body: 'PAUZE 91', reply: { kind: 'unknown' } },
    { body: 'PAUZE', reply: { kind: 'unknown' } },
    { body: 'PAUZE 7 dagen', reply: { kind: 'unknown' } },
  ])('reads "$body" as a pause of so many days (90 at most; 0 resumes)', ({ body, reply }) => {
    expect(parseReply(body)).toEqual(reply);
  });

  it.each<{ body: string; reply: Reply }>([
    { body: 'JA 4821', reply: { kind: 'answer', answer: 'accept', code: '4821' } },
    { body: 'nee 4821', reply: { kind: 'answer', answer: 'decline', code: '4821' } },
    { body: 'Ja 1000', reply: { kind: 'answer', answer: 'accept', code: '1000' } },
    { body: 'ja', reply: { kind: 'answer', answer: 'accept' } },
    { body: 'NEE', reply: { kind: 'answer', answer: 'decline' } },
  ])('reads "$body" as an answer with the code when one is given', ({ body, reply }) => {
    expect(parseReply(body)).toEqual(reply);
  });

  it.each<{ body: string; reply: Reply }>([
    { body: 'OUI 4821', reply: { kind: 'answer', answer: 'accept', code: '4821' } },
    { body: 'oui', reply: { kind: 'answer', answer: 'accept' } },
    { body: 'NON 4821', reply: { kind: 'answer', answer: 'decline', code: '4821' } },
    { body: 'Non', reply: { kind: 'answer', answer: 'decline' } },
    { body: 'YES 4821', reply: { kind: 'answer', answer: 'accept', code: '4821' } },
    { body: 'yes', reply: { kind: 'answer', answer: 'accept' } },
    { body: 'NO 4821', reply: { kind: 'answer', answer: 'decline', code: '4821' } },
    { body: 'no', reply: { kind: 'answer', answer: 'decline' } },
  ])('understands the French and English answer "$body"', ({ body, reply }) => {
    expect(parseReply(body)).toEqual(reply);
  });

  it('keeps the note a volunteer adds after the code', () => {
    expect(parseReply('JA 4821 kan pas om 14u')).toEqual({
      kind: 'answer',
      answer: 'accept',
      code: '4821',
      note: 'kan pas om 14u',
    });
  });

  it('keeps a note after a bare answer, without inventing a code', () => {
    expect(parseReply('nee, ben op vakantie')).toEqual({
      kind: 'answer',
      answer: 'decline',
      note: 'ben op vakantie',
    });
  });

  it('drops a note that is only punctuation', () => {
    expect(parseReply('JA 4821.')).toEqual({ kind: 'answer', answer: 'accept', code: '4821' });
  });

  it.each([
    { body: '  JA 4821  ', why: 'surrounding spaces' },
    { body: 'JA    4821', why: 'several spaces between word and code' },
    { body: 'JA\t4821', why: 'a tab' },
    { body: '\nJA\n4821\n', why: 'line breaks' },
  ])('ignores extra whitespace ($why)', ({ body }) => {
    expect(parseReply(body)).toEqual({ kind: 'answer', answer: 'accept', code: '4821' });
  });

  it('collapses whitespace inside the note', () => {
    expect(parseReply('JA 4821   kan pas\nom 14u')).toEqual({
      kind: 'answer',
      answer: 'accept',
      code: '4821',
      note: 'kan pas om 14u',
    });
  });

  it.each(['STOP', 'stop', 'Stop', ' STOP ', 'STOP.'])('reads "%s" as an opt-out', (body) => {
    expect(parseReply(body)).toEqual({ kind: 'stop' });
  });

  it.each(['START', 'start', 'AAN', 'Aan', 'REPRISE', ' reprise. '])(
    'reads "%s" as rejoining after an opt-out',
    (body) => {
      expect(parseReply(body)).toEqual({ kind: 'start' });
    },
  );

  it.each([
    { body: 'AAN 4821', why: 'a code after the word is no rejoin' },
    { body: 'aan de kerk om 14u', why: 'a sentence starting with aan is no rejoin' },
  ])('does not read "$body" as rejoining ($why)', ({ body }) => {
    expect(parseReply(body)).toEqual({ kind: 'unknown' });
  });

  it('gives each language a rejoin word that is no answer to an alert', () => {
    for (const word of Object.values(REJOIN_WORDS)) expect(parseReply(word)).toEqual({ kind: 'start' });
    expect(parseReply('OUI')).toMatchObject({ kind: 'answer', answer: 'accept' });
  });

  it.each([
    { body: 'STOP 4821', why: 'a code after STOP is no opt-out' },
    { body: 'stop met sms', why: 'a sentence starting with stop is no opt-out' },
  ])('does not opt a volunteer out on "$body" ($why)', ({ body }) => {
    expect(parseReply(body)).toEqual({ kind: 'unknown' });
  });

  it.each([
    { body: '', why: 'an empty message' },
    { body: '   ', why: 'only whitespace' },
    { body: 'hallo?', why: 'a word that is no answer' },
    { body: 'misschien 4821', why: 'an unknown word with a code' },
    { body: '4821', why: 'a code without an answer' },
    { body: '👍', why: 'an emoji' },
    { body: 'JAA 4821', why: 'a misspelt answer' },
  ])('does not understand "$body" ($why)', ({ body }) => {
    expect(parseReply(body)).toEqual({ kind: 'unknown' });
  });

  it('does not take a two-digit number for a reply code: "JA 48" is a code-less accept', () => {
    const reply = parseReply('JA 48');
    expect(reply).toMatchObject({ kind: 'answer', answer: 'accept' });
    expect(reply).not.toHaveProperty('code');
    // The digits survive as a note, so a coordinator can still see what was sent.
    expect(reply).toEqual({ kind: 'answer', answer: 'accept', note: '48' });
  });

  it('does not take the first four digits of a five-digit number for a reply code', () => {
    const reply = parseReply('NEE 48211');
    expect(reply).toMatchObject({ kind: 'answer', answer: 'decline' });
    expect(reply).not.toHaveProperty('code');
  });
});

describe('matchReply', () => {
  const alert = (code: string, createdAt: string, response?: string) => ({
    code,
    createdAt,
    ...(response ? { response } : {}),
  });
  const a = alert('4821', '2026-03-01T10:00:00Z');
  const b = alert('1234', '2026-03-01T11:00:00Z');

  it.each([
    ['a code of an open alert', '4821', [a, b], [], { kind: 'one', alert: a }],
    ['a bare answer with one unanswered open alert', undefined, [a], [b], { kind: 'one', alert: a }],
    [
      'a bare answer with two open alerts, newest first',
      undefined,
      [a, b],
      [],
      { kind: 'several', alerts: [b, a] },
    ],
    ['a code that only a closed request used', '1234', [a], [b], { kind: 'late' }],
    ['a bare answer with nothing open but a closed alert', undefined, [], [a], { kind: 'late' }],
    ['an unknown code', '9999', [a], [b], { kind: 'none' }],
  ] as const)('matches %s', (_case, code, open, closed, expected) => {
    expect(matchReply(code, open, closed)).toEqual(expected);
  });

  it('sends a bare answer to the one open alert that was answered before (a changed mind)', () => {
    const answered = alert('4821', '2026-03-01T10:00:00Z', 'declined');
    expect(matchReply(undefined, [answered], [])).toEqual({ kind: 'one', alert: answered });
  });
});
