import * as z from 'zod';
import { awsPorts } from '../../shared/aws-ports';
import type { Ports } from '../../shared/ports';
import { alertCoordinator } from '../../shared/services/lifecycle';
import { taskHandler } from '../../shared/workflow/task-handler';

export const makeHandler = (ports: Ports) =>
  taskHandler(
    'alert-coordinator',
    z.object({ requestId: z.string(), level: z.number().int().min(0), taskToken: z.string().min(1) }),
    ({ requestId, level, taskToken }) => alertCoordinator(ports, requestId, level, taskToken),
  );

export const handler = makeHandler(awsPorts());
