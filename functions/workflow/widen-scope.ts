import { awsPorts } from '../../shared/aws-ports';
import type { BasePorts } from '../../shared/ports';
import { widenToNeighbours } from '../../shared/services/lifecycle';
import { requestTaskHandler } from '../../shared/workflow/task-handler';

export const makeHandler = (ports: BasePorts) =>
  requestTaskHandler('widen-scope', (requestId) => widenToNeighbours(ports, requestId));

export const handler = makeHandler(awsPorts());
