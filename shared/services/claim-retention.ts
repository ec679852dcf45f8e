import { logger } from '../observability/logger';
import type { Ports } from '../ports';

/**
 * The daily deletion of insurance claims whose retention date passed: first the claim's files, then the claim with
 * everything stored beside it. A run that fails half-way leaves the claim to be found again by the next run.
 */
export const purgeExpiredClaims = async (
  ports: Pick<Ports, 'claims' | 'attachments'>,
  now: Date,
): Promise<{ deleted: number }> => {
  let deleted = 0;
  for (const claimId of await ports.claims.retentionExpiredBefore(now)) {
    const files = await ports.attachments.deleteClaimFiles(claimId);
    if (await ports.claims.deleteAfterRetention(claimId, now.toISOString())) {
      deleted++;
      logger.info('claim deleted after its retention', { claimId, files });
    }
  }
  return { deleted };
};
