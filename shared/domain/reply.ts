/** An SMS reply from a volunteer, as the SMS protocol of API.md defines it. */
export type Reply =
  | { kind: 'answer'; answer: 'accept' | 'decline'; code?: string; note?: string }
  | { kind: 'stop' }
  /** A member who opted out comes back. */
  | { kind: 'start' }
  | { kind: 'unknown' };

/**
 * The word each language's texts name to rejoin after STOP; each is read from anyone. Not OUI or JA: those accept an
 * alert.
 */
export const REJOIN_WORDS = { nl: 'AAN', fr: 'REPRISE', en: 'START' } as const;
const REJOIN = new Set<string>(Object.values(REJOIN_WORDS));

const ANSWERS: Record<string, 'accept' | 'decline'> = {
  JA: 'accept',
  YES: 'accept',
  OUI: 'accept',
  NEE: 'decline',
  NEEN: 'decline',
  NO: 'decline',
  NON: 'decline',
};

/** Parses `JA 4821`, `nee`, `JA 4821 kan pas om 14u`, `STOP` or a rejoin word; anything else is unknown. */
export const parseReply = (body: string): Reply => {
  const text = body.trim().replace(/\s+/g, ' ');
  // A word, then optionally a 4-digit code, then a free note; punctuation between them is forgiven ("Ja, 4821!").
  const match = /^([A-Za-z]+)[ ,.:;!-]*(?:(\d{4})(?!\d))?[ ,.:;!-]*(.*)$/.exec(text);
  if (!match) return { kind: 'unknown' };
  const word = match[1]!.toUpperCase();
  const bare = !match[2] && !match[3];
  if (word === 'STOP' && bare) return { kind: 'stop' };
  if (REJOIN.has(word) && bare) return { kind: 'start' };
  const answer = ANSWERS[word];
  if (!answer) return { kind: 'unknown' };
  const note = match[3]?.trim();
  return { kind: 'answer', answer, ...(match[2] ? { code: match[2] } : {}), ...(note ? { note } : {}) };
};
