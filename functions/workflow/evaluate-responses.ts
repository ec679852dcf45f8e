import * as z from 'zod/mini';
import { composePorts } from '../../shared/compose-ports';
import type { PortsOf } from '../../shared/manifest/granted-ports';
import { snsPorts } from '../../shared/messaging/sns-ports';
import { evaluateResponses } from '../../shared/services/lifecycle';
import { adHocPorts, operationsPorts, registryPorts } from '../../shared/store/repository-ports';
import { taskHandler } from '../../shared/workflow/task-handler';

/** `moreWaves`: the last Mobilise left eligible members of the scope for a next wave. */
const evaluateInput = z.object({ requestId: z.string(), moreWaves: z._default(z.boolean(), false) });

export const makeHandler = (ports: PortsOf<'evaluateResponses'>) =>
  taskHandler('evaluate-responses', evaluateInput, ({ requestId, moreWaves }) =>
    evaluateResponses(ports, requestId, moreWaves),
  );

export const handler = makeHandler(
  composePorts({ ...registryPorts, ...operationsPorts, ...adHocPorts, ...snsPorts }),
);
