import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient, landed } from './dynamo-client';
import { operationsKeys } from './keys/operations-keys';
import { tableNames } from './tables';

/** Counters outlive their second by a minute; TTL only keeps the table clean, the key's second does the limiting. */
const COUNTER_TTL_SECONDS = 60;

/**
 * The per-number rate limit, shared by every concurrent dispatcher: one counter item per origination number per
 * second, incremented only while the parts fit, so concurrent reservations never add up past the limit.
 */
export class SmsRateRepository {
  constructor(
    private readonly db = documentClient(),
    private readonly table = tableNames.operations(),
  ) {}

  /**
   * Refusals this second, per number: the fewest parts refused. Counters only grow within their second, so as many
   * parts or more will not fit either; near the pool's capacity this spares a failed write per number tried.
   */
  private refused = { second: -1, parts: new Map<string, number>() };

  /** Reserves `parts` message parts on `originationNumber` in `second`; false when they do not fit any more. */
  async reserve(originationNumber: string, second: number, parts: number, limit: number): Promise<boolean> {
    if (this.refused.second !== second) this.refused = { second, parts: new Map() };
    if (parts >= (this.refused.parts.get(originationNumber) ?? Number.POSITIVE_INFINITY)) return false;
    const reserved = await landed(
      this.db.send(
        new UpdateCommand({
          TableName: this.table,
          Key: operationsKeys.smsRate(originationNumber, second),
          UpdateExpression: 'ADD parts :parts SET expiresAt = :expiresAt',
          // An empty second takes any message, so one longer than the limit still goes out (alone).
          ConditionExpression: 'attribute_not_exists(parts) OR parts <= :room',
          ExpressionAttributeValues: {
            ':parts': parts,
            ':room': limit - parts,
            ':expiresAt': second + COUNTER_TTL_SECONDS,
          },
        }),
      ),
    );
    if (!reserved && this.refused.second === second)
      this.refused.parts.set(
        originationNumber,
        Math.min(parts, this.refused.parts.get(originationNumber) ?? parts),
      );
    return reserved;
  }
}
