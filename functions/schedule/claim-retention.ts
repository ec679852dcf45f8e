import middy from '@middy/core';
import type { ScheduledEvent } from 'aws-lambda';
import { s3Ports } from '../../shared/attachments/s3-ports';
import { awsPorts } from '../../shared/aws-ports';
import { observability } from '../../shared/observability/powertools';
import type { BasePorts, Ports } from '../../shared/ports';
import { purgeExpiredClaims } from '../../shared/services/claim-retention';

/** Daily: deletes the insurance claims (and their files) whose retention date passed by the schedule's time. */
export const makeHandler = (ports: BasePorts & Pick<Ports, 'attachments'>) =>
  middy(async (event: ScheduledEvent) => purgeExpiredClaims(ports, new Date(event.time))).use(
    observability<ScheduledEvent>((event) => event.id),
  );

export const handler = makeHandler(awsPorts(s3Ports));
