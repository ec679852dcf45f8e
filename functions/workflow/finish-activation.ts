import * as z from 'zod/mini';
import { composePorts } from '../../shared/compose-ports';
import type { PortsOf } from '../../shared/manifest/granted-ports';
import { municipalityOutcomeSchema } from '../../shared/schemas/activation';
import { finishActivation } from '../../shared/services/activations';
import { operationsPorts, registryPorts } from '../../shared/store/repository-ports';
import { taskHandler } from '../../shared/workflow/task-handler';

const input = z.object({
  requestId: z.string(),
  activationId: z.string(),
  outcomes: z.array(municipalityOutcomeSchema),
});

export const makeHandler = (ports: PortsOf<'finishActivation'>) =>
  taskHandler('finish-activation', input, (activation) => finishActivation(ports, activation));

export const handler = makeHandler(composePorts({ ...registryPorts, ...operationsPorts }));
