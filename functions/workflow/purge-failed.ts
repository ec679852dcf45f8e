import * as z from 'zod/mini';
import { composePorts } from '../../shared/compose-ports';
import type { PortsOf } from '../../shared/manifest/granted-ports';
import { reportPurgeFailure } from '../../shared/services/lifecycle-recovery';
import { operationsPorts } from '../../shared/store/repository-ports';
import { taskHandler } from '../../shared/workflow/task-handler';

export const makeHandler = (ports: PortsOf<'purgeFailed'>) =>
  taskHandler(
    'purge-failed',
    z.object({
      requestId: z.string(),
      error: z.optional(z.string()),
      // The whole state: the failed rounds so far are there from the second round on.
      state: z.object({ purgeFailures: z._default(z.int().check(z.minimum(0)), 0) }),
    }),
    ({ requestId, error, state }) =>
      reportPurgeFailure(ports, requestId, error ?? 'UnknownError', state.purgeFailures),
  );

export const handler = makeHandler(composePorts({ ...operationsPorts }));
