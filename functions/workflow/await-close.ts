import * as z from 'zod';
import { awsPorts } from '../../shared/aws-ports';
import type { BasePorts, Ports } from '../../shared/ports';
import { awaitClose } from '../../shared/services/lifecycle';
import { stepFunctionsPorts } from '../../shared/workflow/step-functions-ports';
import { taskHandler } from '../../shared/workflow/task-handler';

export const makeHandler = (ports: BasePorts & Pick<Ports, 'workflow'>) =>
  taskHandler(
    'await-close',
    z.object({ requestId: z.string(), taskToken: z.string().min(1) }),
    ({ requestId, taskToken }) => awaitClose(ports, requestId, taskToken),
  );

export const handler = makeHandler(awsPorts(stepFunctionsPorts));
