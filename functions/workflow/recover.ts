import * as z from 'zod';
import { awsPorts } from '../../shared/aws-ports';
import { RECOVERABLE_STATES } from '../../shared/domain/lifecycle-recovery';
import { snsPorts } from '../../shared/messaging/sns-ports';
import type { BasePorts, Ports } from '../../shared/ports';
import { recoverLifecycle } from '../../shared/services/lifecycle-recovery';
import { taskHandler } from '../../shared/workflow/task-handler';

export const makeHandler = (ports: BasePorts & Pick<Ports, 'smsJobs'>) =>
  taskHandler(
    'recover',
    z.object({ requestId: z.string(), state: z.enum(RECOVERABLE_STATES), error: z.string().optional() }),
    ({ requestId, state, error }) => recoverLifecycle(ports, requestId, state, error ?? 'UnknownError'),
  );

export const handler = makeHandler(awsPorts(snsPorts));
