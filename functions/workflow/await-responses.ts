import * as z from 'zod';
import { awsPorts } from '../../shared/aws-ports';
import type { BasePorts, Ports } from '../../shared/ports';
import { awaitResponses } from '../../shared/services/lifecycle';
import { stepFunctionsPorts } from '../../shared/workflow/step-functions-ports';
import { taskHandler } from '../../shared/workflow/task-handler';

export const makeHandler = (ports: BasePorts & Pick<Ports, 'workflow'>) =>
  taskHandler(
    'await-responses',
    z.object({ requestId: z.string(), taskToken: z.string().min(1) }),
    ({ requestId, taskToken }) => awaitResponses(ports, requestId, taskToken),
  );

export const handler = makeHandler(awsPorts(stepFunctionsPorts));
