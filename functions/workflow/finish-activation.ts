import * as z from 'zod';
import { composePorts } from '../../shared/compose-ports';
import type { PortsOf } from '../../shared/manifest/granted-ports';
import { finishActivation } from '../../shared/services/activations';
import { operationsPorts } from '../../shared/store/repository-ports';
import { taskHandler } from '../../shared/workflow/task-handler';

/** What each corps' branch ended with: its count, or a failure after its retries. */
const outcome = z.union([
  z.object({ municipality: z.string(), failed: z.literal(true) }),
  z.object({ municipality: z.string(), alerted: z.number() }),
]);
const input = z.object({ requestId: z.string(), activationId: z.string(), outcomes: z.array(outcome) });

export const makeHandler = (ports: PortsOf<'finishActivation'>) =>
  taskHandler('finish-activation', input, (activation) => finishActivation(ports, activation));

export const handler = makeHandler(composePorts(operationsPorts));
