import * as z from 'zod';
import { awsPorts } from '../../shared/aws-ports';
import type { Ports } from '../../shared/ports';
import { awaitResponses } from '../../shared/services/lifecycle';
import { taskHandler } from '../../shared/workflow/task-handler';

export const makeHandler = (ports: Ports) =>
  taskHandler(
    'await-responses',
    z.object({ requestId: z.string(), taskToken: z.string().min(1) }),
    ({ requestId, taskToken }) => awaitResponses(ports, requestId, taskToken),
  );

export const handler = makeHandler(awsPorts());
