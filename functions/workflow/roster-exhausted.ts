import * as z from 'zod';
import { awsPorts } from '../../shared/aws-ports';
import { snsPorts } from '../../shared/messaging/sns-ports';
import type { BasePorts, Ports } from '../../shared/ports';
import { reportRosterExhausted } from '../../shared/services/coordinator-escalation';
import { taskHandler } from '../../shared/workflow/task-handler';

export const makeHandler = (ports: BasePorts & Pick<Ports, 'smsJobs'>) =>
  taskHandler(
    'roster-exhausted',
    z.object({ requestId: z.string(), levels: z.number().int().min(0) }),
    ({ requestId, levels }) => reportRosterExhausted(ports, requestId, levels),
  );

export const handler = makeHandler(awsPorts(snsPorts));
