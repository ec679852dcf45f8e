import * as z from 'zod/mini';
import { composePorts } from '../../shared/compose-ports';
import type { PortsOf } from '../../shared/manifest/granted-ports';
import { snsPorts } from '../../shared/messaging/sns-ports';
import { mobiliseMunicipality } from '../../shared/services/activations';
import { operationsPorts, registryPorts } from '../../shared/store/repository-ports';
import { taskHandler } from '../../shared/workflow/task-handler';

/** One item of the activation's Map: the request, the activation and the corps. */
const input = z.object({ requestId: z.string(), activationId: z.string(), municipality: z.string() });

export const makeHandler = (ports: PortsOf<'mobiliseMunicipality'>) =>
  taskHandler('mobilise-municipality', input, (corps) => mobiliseMunicipality(ports, corps));

export const handler = makeHandler(composePorts({ ...registryPorts, ...operationsPorts, ...snsPorts }));
