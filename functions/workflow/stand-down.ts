import { composePorts } from '../../shared/compose-ports';
import type { PortsOf } from '../../shared/manifest/granted-ports';
import { snsPorts } from '../../shared/messaging/sns-ports';
import { standDown } from '../../shared/services/lifecycle';
import { adHocPorts, operationsPorts, registryPorts } from '../../shared/store/repository-ports';
import { requestTaskHandler } from '../../shared/workflow/task-handler';

export const makeHandler = (ports: PortsOf<'standDown'>) =>
  requestTaskHandler('stand-down', (requestId) => standDown(ports, requestId));

export const handler = makeHandler(
  composePorts({ ...registryPorts, ...operationsPorts, ...adHocPorts, ...snsPorts }),
);
