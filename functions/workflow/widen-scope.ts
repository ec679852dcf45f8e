import { composePorts } from '../../shared/compose-ports';
import type { PortsOf } from '../../shared/manifest/granted-ports';
import { widenToNeighbours } from '../../shared/services/lifecycle';
import { operationsPorts, registryPorts } from '../../shared/store/repository-ports';
import { requestTaskHandler } from '../../shared/workflow/task-handler';

export const makeHandler = (ports: PortsOf<'widenScope'>) =>
  requestTaskHandler('widen-scope', (requestId) => widenToNeighbours(ports, requestId));

export const handler = makeHandler(composePorts({ ...registryPorts, ...operationsPorts }));
