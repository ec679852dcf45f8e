import * as z from 'zod/mini';
import { composePorts } from '../../shared/compose-ports';
import type { PortsOf } from '../../shared/manifest/granted-ports';
import { awaitResponses } from '../../shared/services/lifecycle';
import { operationsPorts } from '../../shared/store/repository-ports';
import { stepFunctionsPorts } from '../../shared/workflow/step-functions-ports';
import { taskHandler } from '../../shared/workflow/task-handler';

export const makeHandler = (ports: PortsOf<'awaitResponses'>) =>
  taskHandler(
    'await-responses',
    z.object({ requestId: z.string(), taskToken: z.string().check(z.minLength(1)) }),
    ({ requestId, taskToken }) => awaitResponses(ports, requestId, taskToken),
  );

export const handler = makeHandler(composePorts({ ...operationsPorts, ...stepFunctionsPorts }));
