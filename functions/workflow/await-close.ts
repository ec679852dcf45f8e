import * as z from 'zod';
import { awsPorts } from '../../shared/aws-ports';
import type { Ports } from '../../shared/ports';
import { awaitClose } from '../../shared/services/lifecycle';
import { taskHandler } from '../../shared/workflow/task-handler';

export const makeHandler = (ports: Ports) =>
  taskHandler(
    'await-close',
    z.object({ requestId: z.string(), taskToken: z.string().min(1) }),
    ({ requestId, taskToken }) => awaitClose(ports, requestId, taskToken),
  );

export const handler = makeHandler(awsPorts());
