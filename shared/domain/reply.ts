/** An SMS reply from a volunteer, as the SMS protocol of API.md defines it. */
export type Reply =
  | { kind: 'answer'; answer: 'accept' | 'decline'; code?: string; note?: string }
  | { kind: 'stop' }
  /** A member who opted out comes back. */
  | { kind: 'start' }
  /** A member pauses their alerts for so many days, today included (`PAUZE 7`); 0 resumes them. */
  | { kind: 'pause'; days: number }
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

/** The longest pause a member may ask for by SMS; longer ones go through their municipal-admin. */
export const MAX_PAUSE_DAYS = 90;

/** `PAUZE` in Dutch, `PAUSE` in French and English, then the days. */
const PAUSE_WORDS = new Set(['PAUZE', 'PAUSE']);

/**
 * Parses `JA 4821`, `nee`, `JA 4821 kan pas om 14u`, `STOP`, a rejoin word or `PAUZE 7`; anything else is unknown.
 */
export const parseReply = (body: string): Reply => {
  const text = body.trim().replace(/\s+/g, ' ');
  const pause = /^([A-Za-z]+) (\d{1,3})$/.exec(text);
  if (pause && PAUSE_WORDS.has(pause[1]!.toUpperCase())) {
    const days = Number(pause[2]);
    return days <= MAX_PAUSE_DAYS ? { kind: 'pause', days } : { kind: 'unknown' };
  }
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

/** Where an answer goes: one alert, a choice between several, a request that closed meanwhile, or nowhere. */
export type ReplyTarget<A> =
  | { kind: 'one'; alert: A }
  | { kind: 'several'; alerts: A[] }
  | { kind: 'late' }
  | { kind: 'none' };

/**
 * Matches an answer to the volunteer's alerts of open requests only: a call-out left unanswered on a request that
 * has since closed never makes a new answer ambiguous. A code names its alert (codes are unique among a volunteer's
 * open alerts); a bare answer goes to the one unanswered open alert, or to the one open alert at all (a changed
 * mind), and offers a choice when there are several. A code, or a bare answer with nothing open, that only fits a
 * closed request is late.
 */
export const matchReply = <A extends { code: string; response?: string; createdAt: string }>(
  code: string | undefined,
  open: readonly A[],
  closed: readonly A[],
): ReplyTarget<A> => {
  const candidates = code
    ? open.filter((a) => a.code === code)
    : open.some((a) => !a.response)
      ? open.filter((a) => !a.response)
      : open;
  if (candidates.length === 1) return { kind: 'one', alert: candidates[0]! };
  // Two open alerts with one code predate unique codes: no choice to offer between identical codes.
  if (candidates.length > 1 && !code)
    return {
      kind: 'several',
      alerts: [...candidates].sort((a, b) => b.createdAt.localeCompare(a.createdAt)),
    };
  if (candidates.length > 1) return { kind: 'none' };
  const late = code ? closed.some((a) => a.code === code) : closed.length > 0;
  return late ? { kind: 'late' } : { kind: 'none' };
};
