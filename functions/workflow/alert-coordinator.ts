import * as z from 'zod/mini';
import { composePorts } from '../../shared/compose-ports';
import type { PortsOf } from '../../shared/manifest/granted-ports';
import { snsPorts } from '../../shared/messaging/sns-ports';
import { alertCoordinator } from '../../shared/services/lifecycle';
import { operationsPorts, registryPorts } from '../../shared/store/repository-ports';
import { stepFunctionsPorts } from '../../shared/workflow/step-functions-ports';
import { taskHandler } from '../../shared/workflow/task-handler';

export const makeHandler = (ports: PortsOf<'alertCoordinator'>) =>
  taskHandler(
    'alert-coordinator',
    z.object({
      requestId: z.string(),
      level: z.int().check(z.minimum(0)),
      round: z._default(z.int().check(z.minimum(1), z.maximum(2)), 1),
      taskToken: z.string().check(z.minLength(1)),
    }),
    ({ requestId, level, round, taskToken }) => alertCoordinator(ports, requestId, level, taskToken, round),
  );

export const handler = makeHandler(
  composePorts({ ...registryPorts, ...operationsPorts, ...snsPorts, ...stepFunctionsPorts }),
);
