import { composePorts } from '../../shared/compose-ports';
import type { PortsOf } from '../../shared/manifest/granted-ports';
import { snsPorts } from '../../shared/messaging/sns-ports';
import { mobilise } from '../../shared/services/lifecycle';
import { requestTaskHandler } from '../../shared/workflow/task-handler';

export const makeHandler = (ports: PortsOf<'mobilise'>) =>
  requestTaskHandler('mobilise', (requestId) => mobilise(ports, requestId));

export const handler = makeHandler(composePorts(snsPorts));
