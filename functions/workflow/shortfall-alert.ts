import { awsPorts } from '../../shared/aws-ports';
import type { Ports } from '../../shared/ports';
import { alertShortfall } from '../../shared/services/lifecycle';
import { requestTaskHandler } from '../../shared/workflow/task-handler';

export const makeHandler = (ports: Ports) =>
  requestTaskHandler('shortfall-alert', (requestId) => alertShortfall(ports, requestId));

export const handler = makeHandler(awsPorts());
