import { z } from 'zod';
import { awsPorts } from '../../shared/aws-ports';
import type { Ports } from '../../shared/ports';
import { mobilise } from '../../shared/services/lifecycle';
import { taskHandler } from '../../shared/workflow/task-handler';

export const makeHandler = (ports: Ports) =>
  taskHandler('mobilise', z.object({ requestId: z.string() }), ({ requestId }) => mobilise(ports, requestId));

export const handler = makeHandler(awsPorts());
