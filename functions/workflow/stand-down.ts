import { z } from 'zod';
import { awsPorts } from '../../shared/aws-ports';
import type { Ports } from '../../shared/ports';
import { standDown } from '../../shared/services/lifecycle';
import { taskHandler } from '../../shared/workflow/task-handler';

export const makeHandler = (ports: Ports) =>
  taskHandler('stand-down', z.object({ requestId: z.string() }), ({ requestId }) =>
    standDown(ports, requestId),
  );

export const handler = makeHandler(awsPorts());
