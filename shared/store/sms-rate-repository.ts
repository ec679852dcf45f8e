import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { type PaceDecision, paceSend, RESERVATION_BURST_SECONDS } from '../domain/send-pacing';
import { documentClient, isConditionFailure } from './dynamo-client';
import { operationsKeys } from './keys/operations-keys';
import { tableNames } from './tables';

/** The pacing item outlives the time its bucket is full by a minute; TTL only keeps the table clean. */
const PACE_TTL_SECONDS = 60;
/** Reservations of the same number that crossed: each is decided again against the time stored now. */
const CROSSED_ATTEMPTS = 8;

/**
 * The per-number send rate, shared by every concurrent dispatcher: one item per origination number holding when its
 * bucket is next full (`paceSend`), moved only by a write conditional on the value the decision was made on, so
 * concurrent reservations never take more than the bucket holds.
 */
export class SmsRateRepository {
  constructor(
    private readonly db = documentClient(),
    private readonly table = tableNames.operations(),
  ) {}

  /**
   * When each number's bucket was last seen full. The stored time only ever moves later, so a guess from it errs on
   * the safe side: a refusal it decides needs no call at all, and a reservation made on it that crossed another
   * learns the stored time from the failed write itself.
   */
  private readonly seen = new Map<string, number | undefined>();

  /** The reservation under way per number in this process: the next waits for it instead of crossing it. */
  private readonly underWay = new Map<string, Promise<unknown>>();

  /**
   * Reserves `parts` message parts on `originationNumber` at `nowMs`; refused with how long until they fit. The
   * reservations of one process on one number go one after the other (the local runtime runs every dispatcher in
   * one): only other processes' can cross them.
   */
  reserve(
    originationNumber: string,
    nowMs: number,
    parts: number,
    partsPerSecond: number,
  ): Promise<PaceDecision> {
    const reserved = (this.underWay.get(originationNumber) ?? Promise.resolve()).then(() =>
      this.reserveNow(originationNumber, nowMs, parts, partsPerSecond),
    );
    this.underWay.set(
      originationNumber,
      reserved.catch(() => undefined),
    );
    return reserved;
  }

  private async reserveNow(
    originationNumber: string,
    nowMs: number,
    parts: number,
    partsPerSecond: number,
  ): Promise<PaceDecision> {
    const key = operationsKeys.smsPace(originationNumber);
    let stored = this.seen.has(originationNumber)
      ? this.seen.get(originationNumber)
      : await this.storedFullAt(key);
    for (let attempt = 1; ; attempt++) {
      this.seen.set(originationNumber, stored);
      const decision = paceSend({
        fullAt: stored,
        nowMs,
        parts,
        partsPerSecond,
        burstSeconds: RESERVATION_BURST_SECONDS,
      });
      if (!decision.allowed) return decision;
      try {
        await this.db.send(
          new UpdateCommand({
            TableName: this.table,
            Key: key,
            UpdateExpression: 'SET fullAt = :fullAt, expiresAt = :expiresAt',
            ConditionExpression: stored === undefined ? 'attribute_not_exists(fullAt)' : 'fullAt = :stored',
            ExpressionAttributeValues: {
              ':fullAt': decision.fullAt,
              ':expiresAt': Math.ceil(decision.fullAt / 1000) + PACE_TTL_SECONDS,
              ...(stored === undefined ? {} : { ':stored': stored }),
            },
            ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
          }),
        );
        this.seen.set(originationNumber, decision.fullAt);
        return decision;
      } catch (error) {
        if (!isConditionFailure(error)) throw error;
        // Another dispatcher reserved on this number meanwhile: the failed write hands back what it stored.
        const item = (error as { Item?: { fullAt?: { N?: string } } }).Item;
        stored = item?.fullAt?.N === undefined ? undefined : Number(item.fullAt.N);
        if (attempt >= CROSSED_ATTEMPTS) {
          this.seen.set(originationNumber, stored);
          return { allowed: false, waitMs: Math.ceil(1000 / partsPerSecond) };
        }
      }
    }
  }

  private async storedFullAt(key: { pk: string; sk: string }): Promise<number | undefined> {
    const { Item } = await this.db.send(
      new GetCommand({ TableName: this.table, Key: key, ConsistentRead: true }),
    );
    return Item?.fullAt as number | undefined;
  }
}
