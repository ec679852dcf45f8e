import { composePorts } from '../../../shared/compose-ports';
import { assertMayActivate } from '../../../shared/domain/access';
import { apiHandler } from '../../../shared/http/api-handler';
import type { PortsOf } from '../../../shared/manifest/granted-ports';
import { snsPorts } from '../../../shared/messaging/sns-ports';
import { activationBodySchema } from '../../../shared/schemas/activation';
import { activate } from '../../../shared/services/help-requests';
import { operationsPorts, registryPorts } from '../../../shared/store/repository-ports';

export const makeHandler = (ports: PortsOf<'activate'>) =>
  apiHandler(
    { body: activationBodySchema, authorize: assertMayActivate },
    async ({ identity, body, path }) => ({
      statusCode: 200,
      body: await activate(ports, identity, path.id!, body),
    }),
  );

export const handler = makeHandler(composePorts({ ...registryPorts, ...operationsPorts, ...snsPorts }));
