import { composePorts } from '../../../shared/compose-ports';
import { assertMayActivate } from '../../../shared/domain/access';
import { apiHandler } from '../../../shared/http/api-handler';
import type { PortsOf } from '../../../shared/manifest/granted-ports';
import { activationBodySchema } from '../../../shared/schemas/activation';
import { activate } from '../../../shared/services/activations';
import { operationsPorts, registryPorts } from '../../../shared/store/repository-ports';
import { stepFunctionsActivationPorts } from '../../../shared/workflow/step-functions-ports';

export const makeHandler = (ports: PortsOf<'activate'>) =>
  apiHandler(
    { body: activationBodySchema, authorize: assertMayActivate },
    async ({ identity, body, path }) => ({
      statusCode: 202,
      body: await activate(ports, identity, path.id!, body),
    }),
  );

export const handler = makeHandler(
  composePorts({ ...registryPorts, ...operationsPorts, ...stepFunctionsActivationPorts }),
);
