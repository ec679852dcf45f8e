import * as z from 'zod/mini';
import { composePorts } from '../../shared/compose-ports';
import type { PortsOf } from '../../shared/manifest/granted-ports';
import { snsPorts } from '../../shared/messaging/sns-ports';
import { reportRosterExhausted } from '../../shared/services/coordinator-escalation';
import { operationsPorts } from '../../shared/store/repository-ports';
import { taskHandler } from '../../shared/workflow/task-handler';

export const makeHandler = (ports: PortsOf<'rosterExhausted'>) =>
  taskHandler(
    'roster-exhausted',
    z.object({ requestId: z.string(), levels: z.int().check(z.minimum(0)) }),
    ({ requestId, levels }) => reportRosterExhausted(ports, requestId, levels),
  );

export const handler = makeHandler(composePorts({ ...operationsPorts, ...snsPorts }));
