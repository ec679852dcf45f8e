import { composePorts } from '../../../shared/compose-ports';
import { assertCanCoordinate } from '../../../shared/domain/access';
import { apiHandler } from '../../../shared/http/api-handler';
import { idempotentRequests } from '../../../shared/http/idempotency';
import type { PortsOf } from '../../../shared/manifest/granted-ports';
import { snsPorts } from '../../../shared/messaging/sns-ports';
import { coordinatorUpdateBodySchema } from '../../../shared/schemas/coordinator-update';
import { sendCoordinatorUpdate } from '../../../shared/services/coordinator-updates';
import { adHocPorts, operationsPorts, registryPorts } from '../../../shared/store/repository-ports';

export const makeHandler = (ports: PortsOf<'sendCoordinatorUpdate'>) =>
  apiHandler(
    {
      body: coordinatorUpdateBodySchema,
      authorize: assertCanCoordinate,
      idempotency: idempotentRequests('coordinator-update'),
    },
    async ({ identity, body, path }) => ({
      statusCode: 202,
      body: await sendCoordinatorUpdate(ports, identity, path.id!, body),
    }),
  );

export const handler = makeHandler(
  composePorts({ ...registryPorts, ...operationsPorts, ...adHocPorts, ...snsPorts }),
);
