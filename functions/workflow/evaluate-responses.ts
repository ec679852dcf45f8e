import { awsPorts } from '../../shared/aws-ports';
import { snsPorts } from '../../shared/messaging/sns-ports';
import type { BasePorts, Ports } from '../../shared/ports';
import { evaluateResponses } from '../../shared/services/lifecycle';
import { requestTaskHandler } from '../../shared/workflow/task-handler';

export const makeHandler = (ports: BasePorts & Pick<Ports, 'smsJobs'>) =>
  requestTaskHandler('evaluate-responses', (requestId) => evaluateResponses(ports, requestId));

export const handler = makeHandler(awsPorts(snsPorts));
