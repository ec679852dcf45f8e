import middy from '@middy/core';
import type { ScheduledEvent } from 'aws-lambda';
import { s3Ports } from '../../shared/attachments/s3-ports';
import { composePorts } from '../../shared/compose-ports';
import type { PortsOf } from '../../shared/manifest/granted-ports';
import { observability } from '../../shared/observability/powertools';
import { purgeExpiredClaims } from '../../shared/services/claim-retention';
import { operationsPorts } from '../../shared/store/repository-ports';

/** Daily: deletes the insurance claims (and their files) whose retention date passed by the schedule's time. */
export const makeHandler = (ports: PortsOf<'claimRetention'>) =>
  middy(async (event: ScheduledEvent) => purgeExpiredClaims(ports, new Date(event.time))).use(
    observability<ScheduledEvent>((event) => event.id),
  );

export const handler = makeHandler(composePorts({ ...operationsPorts, ...s3Ports }));
