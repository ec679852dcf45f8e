/**
 * How fast one origination number sends: a token bucket, kept as the time the bucket is next full (the generic cell
 * rate algorithm, GCRA). Each send takes its parts from the bucket, which refills at the number's parts per second.
 * A send reserves its own slot, so a send reserved near the end of one second and made in the next still fits: a
 * calendar-second counter refused exactly those. Pure rules: the time is stored per number in DynamoDB.
 */

/**
 * The bucket a dispatcher reserves from holds a quarter of a second of parts: a send made a little after its
 * reservation still finds room in the provider's bucket (a second of parts), however the sends of many dispatchers
 * interleave.
 */
export const RESERVATION_BURST_SECONDS = 0.25;

/**
 * The provider's bucket: a second of parts (AWS's MPS). Sends that fit the reservation bucket still fit this one when
 * each is made up to three quarters of a second after its reservation: delaying sends by up to d widens a bucket by
 * d of parts.
 */
export const PROVIDER_BURST_SECONDS = 1;

export type PaceDecision = { allowed: true; fullAt: number } | { allowed: false; waitMs: number };

/**
 * Whether `parts` fit the bucket at `nowMs`, given the time it is next full (`fullAt`, ms; absent: full long since).
 * Allowed: the new time it is full again. Refused: how long until they fit. A message longer than the bucket goes
 * out alone, once the bucket has stood full for as long as the rest of it takes to come in: so it keeps the same
 * margin to the provider's bucket as any other send.
 */
export const paceSend = (options: {
  fullAt: number | undefined;
  nowMs: number;
  parts: number;
  partsPerSecond: number;
  burstSeconds: number;
}): PaceDecision => {
  const { nowMs, parts, partsPerSecond, burstSeconds } = options;
  const msPerPart = 1000 / partsPerSecond;
  const capacityMs = Math.max(msPerPart, burstSeconds * 1000);
  const costMs = parts * msPerPart;
  const fullAt = options.fullAt ?? Number.NEGATIVE_INFINITY;
  const allowedAt =
    costMs > capacityMs ? fullAt + (costMs - capacityMs) : Math.max(fullAt, nowMs) + costMs - capacityMs;
  return allowedAt <= nowMs
    ? { allowed: true, fullAt: Math.max(fullAt, nowMs) + costMs }
    : { allowed: false, waitMs: Math.ceil(allowedAt - nowMs) };
};
