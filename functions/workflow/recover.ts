import * as z from 'zod/mini';
import { composePorts } from '../../shared/compose-ports';
import { RECOVERABLE_STATES } from '../../shared/domain/lifecycle-recovery';
import type { PortsOf } from '../../shared/manifest/granted-ports';
import { snsPorts } from '../../shared/messaging/sns-ports';
import { recoverLifecycle } from '../../shared/services/lifecycle-recovery';
import { operationsPorts, registryPorts } from '../../shared/store/repository-ports';
import { taskHandler } from '../../shared/workflow/task-handler';

export const makeHandler = (ports: PortsOf<'recover'>) =>
  taskHandler(
    'recover',
    z.object({ requestId: z.string(), state: z.enum(RECOVERABLE_STATES), error: z.optional(z.string()) }),
    ({ requestId, state, error }) => recoverLifecycle(ports, requestId, state, error ?? 'UnknownError'),
  );

export const handler = makeHandler(composePorts({ ...registryPorts, ...operationsPorts, ...snsPorts }));
