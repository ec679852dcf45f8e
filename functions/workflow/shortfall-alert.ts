import { awsPorts } from '../../shared/aws-ports';
import { snsPorts } from '../../shared/messaging/sns-ports';
import type { BasePorts, Ports } from '../../shared/ports';
import { alertShortfall } from '../../shared/services/lifecycle';
import { requestTaskHandler } from '../../shared/workflow/task-handler';

export const makeHandler = (ports: BasePorts & Pick<Ports, 'smsJobs'>) =>
  requestTaskHandler('shortfall-alert', (requestId) => alertShortfall(ports, requestId));

export const handler = makeHandler(awsPorts(snsPorts));
