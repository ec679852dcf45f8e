import { awsPorts } from '../../shared/aws-ports';
import { snsPorts } from '../../shared/messaging/sns-ports';
import type { BasePorts, Ports } from '../../shared/ports';
import { standDown } from '../../shared/services/lifecycle';
import { requestTaskHandler } from '../../shared/workflow/task-handler';

export const makeHandler = (ports: BasePorts & Pick<Ports, 'smsJobs'>) =>
  requestTaskHandler('stand-down', (requestId) => standDown(ports, requestId));

export const handler = makeHandler(awsPorts(snsPorts));
