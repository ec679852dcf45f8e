import { awsPorts } from '../../shared/aws-ports';
import { snsPorts } from '../../shared/messaging/sns-ports';
import type { BasePorts, Ports } from '../../shared/ports';
import { mobilise } from '../../shared/services/lifecycle';
import { requestTaskHandler } from '../../shared/workflow/task-handler';

export const makeHandler = (ports: BasePorts & Pick<Ports, 'smsJobs'>) =>
  requestTaskHandler('mobilise', (requestId) => mobilise(ports, requestId));

export const handler = makeHandler(awsPorts(snsPorts));
