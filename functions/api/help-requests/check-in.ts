import { composePorts } from '../../../shared/compose-ports';
import { assertCanCoordinate } from '../../../shared/domain/access';
import { apiHandler } from '../../../shared/http/api-handler';
import type { PortsOf } from '../../../shared/manifest/granted-ports';
import { checkInOutBodySchema } from '../../../shared/schemas/deployment';
import { checkIn } from '../../../shared/services/deployments';
import { operationsPorts, registryPorts } from '../../../shared/store/repository-ports';

export const makeHandler = (ports: PortsOf<'checkIn'>) =>
  apiHandler(
    { body: checkInOutBodySchema, authorize: assertCanCoordinate },
    async ({ identity, body, path }) => ({
      statusCode: 200,
      body: await checkIn(ports, identity, path.id!, body.volunteerId),
    }),
  );

export const handler = makeHandler(composePorts({ ...registryPorts, ...operationsPorts }));
