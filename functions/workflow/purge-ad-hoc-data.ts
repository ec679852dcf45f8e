import { composePorts } from '../../shared/compose-ports';
import type { PortsOf } from '../../shared/manifest/granted-ports';
import { purgeAdHocData } from '../../shared/services/spontaneous';
import { adHocPorts, erasureLedgerPorts, operationsPorts } from '../../shared/store/repository-ports';
import { requestTaskHandler } from '../../shared/workflow/task-handler';

export const makeHandler = (ports: PortsOf<'purgeAdHocData'>) =>
  requestTaskHandler('purge-ad-hoc-data', (requestId) => purgeAdHocData(ports, requestId));

export const handler = makeHandler(
  composePorts({ ...operationsPorts, ...adHocPorts, ...erasureLedgerPorts }),
);
