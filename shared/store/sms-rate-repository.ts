import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { type PaceDecision, paceSend, RESERVATION_BURST_SECONDS } from '../domain/send-pacing';
import { documentClient, landed } from './dynamo-client';
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

  /** Reserves `parts` message parts on `originationNumber` at `nowMs`; refused with how long until they fit. */
  async reserve(
    originationNumber: string,
    nowMs: number,
    parts: number,
    partsPerSecond: number,
  ): Promise<PaceDecision> {
    const key = operationsKeys.smsPace(originationNumber);
    for (let attempt = 1; ; attempt++) {
      const { Item } = await this.db.send(
        new GetCommand({ TableName: this.table, Key: key, ConsistentRead: true }),
      );
      const stored = Item?.fullAt as number | undefined;
      const decision = paceSend({
        fullAt: stored,
        nowMs,
        parts,
        partsPerSecond,
        burstSeconds: RESERVATION_BURST_SECONDS,
      });
      if (!decision.allowed) return decision;
      const moved = await landed(
        this.db.send(
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
          }),
        ),
      );
      if (moved) return decision;
      // Another dispatcher reserved on this number meanwhile: a short wait, as if refused, after a few crossings.
      if (attempt >= CROSSED_ATTEMPTS) return { allowed: false, waitMs: Math.ceil(1000 / partsPerSecond) };
    }
  }
}
