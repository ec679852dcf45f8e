/**
 * A 4-digit reply code for one alert. Codes only need to be unique among one volunteer's open alerts,
 * so the code is derived from the request id and the volunteer id: a retried mobilisation gets the same code.
 */
export const replyCodeFor = (requestId: string, volunteerId: string): string => {
  let hash = 2166136261;
  for (const char of `${requestId}:${volunteerId}`) {
    hash ^= char.charCodeAt(0);
    hash = Math.imul(hash, 16777619);
  }
  return String(1000 + ((hash >>> 0) % 9000));
};
