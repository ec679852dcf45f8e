import { awsPorts } from '../../shared/aws-ports';
import type { Ports } from '../../shared/ports';
import { mobilise } from '../../shared/services/lifecycle';
import { requestTaskHandler } from '../../shared/workflow/task-handler';

export const makeHandler = (ports: Ports) =>
  requestTaskHandler('mobilise', (requestId) => mobilise(ports, requestId));

export const handler = makeHandler(awsPorts());
