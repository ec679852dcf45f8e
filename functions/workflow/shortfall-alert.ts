import { composePorts } from '../../shared/compose-ports';
import type { PortsOf } from '../../shared/manifest/granted-ports';
import { snsPorts } from '../../shared/messaging/sns-ports';
import { alertShortfall } from '../../shared/services/lifecycle';
import { operationsPorts, registryPorts } from '../../shared/store/repository-ports';
import { requestTaskHandler } from '../../shared/workflow/task-handler';

export const makeHandler = (ports: PortsOf<'shortfallAlert'>) =>
  requestTaskHandler('shortfall-alert', (requestId) => alertShortfall(ports, requestId));

export const handler = makeHandler(composePorts({ ...registryPorts, ...operationsPorts, ...snsPorts }));
