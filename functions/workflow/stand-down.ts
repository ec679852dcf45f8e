import { awsPorts } from '../../shared/aws-ports';
import type { Ports } from '../../shared/ports';
import { standDown } from '../../shared/services/lifecycle';
import { requestTaskHandler } from '../../shared/workflow/task-handler';

export const makeHandler = (ports: Ports) =>
  requestTaskHandler('stand-down', (requestId) => standDown(ports, requestId));

export const handler = makeHandler(awsPorts());
