import { composePorts } from '../../../shared/compose-ports';
import { assertMayLaunchRequests } from '../../../shared/domain/access';
import { apiHandler } from '../../../shared/http/api-handler';
import { idempotentRequests } from '../../../shared/http/idempotency';
import type { PortsOf } from '../../../shared/manifest/granted-ports';
import { createHelpRequestBodySchema, type LaunchedHelpRequest } from '../../../shared/schemas/help-request';
import { launchHelpRequest } from '../../../shared/services/help-requests';
import { operationsPorts, registryPorts } from '../../../shared/store/repository-ports';
import { stepFunctionsPorts } from '../../../shared/workflow/step-functions-ports';

export const makeHandler = (ports: PortsOf<'createHelpRequest'>) =>
  apiHandler(
    {
      body: createHelpRequestBodySchema,
      authorize: assertMayLaunchRequests,
      idempotency: idempotentRequests('create-help-request'),
    },
    async ({ identity, body }) => {
      const request = await launchHelpRequest(ports, identity, body);
      const launched: LaunchedHelpRequest = { id: request.id, status: request.status };
      return { statusCode: 202, body: launched };
    },
  );

export const handler = makeHandler(
  composePorts({ ...registryPorts, ...operationsPorts, ...stepFunctionsPorts }),
);
