import * as z from 'zod/mini';
import { composePorts } from '../../shared/compose-ports';
import type { PortsOf } from '../../shared/manifest/granted-ports';
import { snsPorts } from '../../shared/messaging/sns-ports';
import { mobilise } from '../../shared/services/lifecycle';
import { operationsPorts, registryPorts } from '../../shared/store/repository-ports';
import { taskHandler } from '../../shared/workflow/task-handler';

/** The request and the lifecycle's wave number: 1 at the launch, one more for each next wave or widening. */
const mobiliseInput = z.object({ requestId: z.string(), wave: z.int().check(z.minimum(1)) });

export const makeHandler = (ports: PortsOf<'mobilise'>) =>
  taskHandler('mobilise', mobiliseInput, ({ requestId, wave }) =>
    mobilise(ports, requestId, { wave, size: ports.alertWaves }),
  );

export const handler = makeHandler(composePorts({ ...registryPorts, ...operationsPorts, ...snsPorts }));
