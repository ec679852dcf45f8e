// GSM 03.38 basic character set; the extension table's characters cost two septets each.
const BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
const EXTENDED = '^{}\\[~]|€\f';
const basic = new Set(BASIC);
const extended = new Set(EXTENDED);

export const SINGLE_PART_SEPTETS = 160;

/** Septets the text needs in GSM-7, or undefined when one character forces UCS-2. */
export const gsm7Length = (text: string): number | undefined => {
  let length = 0;
  for (const char of text) {
    if (basic.has(char)) length += 1;
    else if (extended.has(char)) length += 2;
    else return undefined;
  }
  return length;
};

/** Replaces characters outside GSM-7 by their closest GSM-7 form ("België" → "Belgie"), so a name never forces UCS-2. */
export const toGsm7 = (text: string): string =>
  Array.from(text, (char) => {
    if (basic.has(char) || extended.has(char)) return char;
    const stripped = char.normalize('NFD').replace(/\p{M}/gu, '');
    if (stripped !== char && [...stripped].every((c) => basic.has(c))) return stripped;
    return SUBSTITUTES[char] ?? '?';
  }).join('');

const SUBSTITUTES: Record<string, string> = {
  '’': "'",
  '‘': "'",
  '“': '"',
  '”': '"',
  '–': '-',
  '—': '-',
  '…': '...',
  œ: 'oe',
  Œ: 'OE',
};

/** Cuts GSM-7 text to at most `max` septets, marking the cut with "..." (extension characters count double). */
export const clipToSeptets = (text: string, max: number): string => {
  if ((gsm7Length(text) ?? Infinity) <= max) return text;
  let kept = '';
  let used = 0;
  for (const char of text) {
    const cost = extended.has(char) ? 2 : 1;
    if (used + cost > max - 3) break;
    kept += char;
    used += cost;
  }
  return `${kept}...`;
};

export const isSinglePartGsm7 = (text: string): boolean =>
  (gsm7Length(text) ?? Infinity) <= SINGLE_PART_SEPTETS;

/** Message parts the network bills and rate-limits: GSM-7 160 (153 per part when split), else UCS-2 70 (67). */
export const smsParts = (text: string): number => {
  const septets = gsm7Length(text);
  if (septets !== undefined) return septets <= SINGLE_PART_SEPTETS ? 1 : Math.ceil(septets / 153);
  // UCS-2 counts UTF-16 code units; astral characters (emoji) take two.
  return text.length <= 70 ? 1 : Math.ceil(text.length / 67);
};
