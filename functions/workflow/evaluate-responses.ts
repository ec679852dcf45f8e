import { awsPorts } from '../../shared/aws-ports';
import type { BasePorts } from '../../shared/ports';
import { evaluateResponses } from '../../shared/services/lifecycle';
import { requestTaskHandler } from '../../shared/workflow/task-handler';

export const makeHandler = (ports: BasePorts) =>
  requestTaskHandler('evaluate-responses', (requestId) => evaluateResponses(ports, requestId));

export const handler = makeHandler(awsPorts());
