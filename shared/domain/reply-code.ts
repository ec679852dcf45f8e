/**
 * A 4-digit reply code for one alert, derived from the request id and the volunteer id (and the draw, when an
 * earlier draw was taken): a retried mobilisation computes the same code.
 */
export const replyCodeFor = (requestId: string, volunteerId: string, draw = 0): string => {
  let hash = 2166136261;
  for (const char of `${requestId}:${volunteerId}${draw > 0 ? `#${draw}` : ''}`) {
    hash ^= char.charCodeAt(0);
    hash = Math.imul(hash, 16777619);
  }
  return String(1000 + ((hash >>> 0) % 9000));
};

/**
 * The first code drawn for this alert that none of the volunteer's other open alerts uses, so that a reply with a
 * code always names one alert. A volunteer never holds anywhere near 9,000 open alerts, so a free code is found.
 */
export const freeReplyCode = (requestId: string, volunteerId: string, taken: ReadonlySet<string>): string => {
  for (let draw = 0; ; draw++) {
    const code = replyCodeFor(requestId, volunteerId, draw);
    if (!taken.has(code)) return code;
  }
};
