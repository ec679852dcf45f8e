import { awsPorts } from '../../shared/aws-ports';
import type { BasePorts } from '../../shared/ports';
import { purgeAdHocData } from '../../shared/services/spontaneous';
import { requestTaskHandler } from '../../shared/workflow/task-handler';

export const makeHandler = (ports: BasePorts) =>
  requestTaskHandler('purge-ad-hoc-data', (requestId) => purgeAdHocData(ports, requestId));

export const handler = makeHandler(awsPorts());
