/** An SMS reply from a volunteer, as the SMS protocol of API.md defines it. */
export type Reply =
  | { kind: 'answer'; answer: 'accept' | 'decline'; code?: string; note?: string }
  | { kind: 'stop' }
  | { kind: 'unknown' };

const ANSWERS: Record<string, 'accept' | 'decline'> = {
  JA: 'accept',
  YES: 'accept',
  OUI: 'accept',
  NEE: 'decline',
  NEEN: 'decline',
  NO: 'decline',
  NON: 'decline',
};

/** Parses `JA 4821`, `nee`, `JA 4821 kan pas om 14u` or `STOP`; anything else is unknown. */
export const parseReply = (body: string): Reply => {
  const text = body.trim().replace(/\s+/g, ' ');
  // A word, then optionally a 4-digit code, then a free note; punctuation between them is forgiven ("Ja, 4821!").
  const match = /^([A-Za-z]+)[ ,.:;!-]*(?:(\d{4})(?!\d))?[ ,.:;!-]*(.*)$/.exec(text);
  if (!match) return { kind: 'unknown' };
  const word = match[1]!.toUpperCase();
  if (word === 'STOP' && !match[2] && !match[3]) return { kind: 'stop' };
  const answer = ANSWERS[word];
  if (!answer) return { kind: 'unknown' };
  const note = match[3]?.trim();
  return { kind: 'answer', answer, ...(match[2] ? { code: match[2] } : {}), ...(note ? { note } : {}) };
};
