import { composePorts } from '../../../shared/compose-ports';
import { assertCanCoordinate } from '../../../shared/domain/access';
import { apiHandler } from '../../../shared/http/api-handler';
import type { PortsOf } from '../../../shared/manifest/granted-ports';
import type { ClosedHelpRequest } from '../../../shared/schemas/help-request';
import { closeHelpRequest } from '../../../shared/services/help-requests';
import { operationsPorts } from '../../../shared/store/repository-ports';
import { stepFunctionsPorts } from '../../../shared/workflow/step-functions-ports';

export const makeHandler = (ports: PortsOf<'closeHelpRequest'>) =>
  apiHandler({ authorize: assertCanCoordinate }, async ({ identity, path }) => {
    const request = await closeHelpRequest(ports, identity, path.id!);
    const body: ClosedHelpRequest = { id: request.id, status: request.status, closedAt: request.closedAt };
    return { statusCode: 200, body };
  });

export const handler = makeHandler(composePorts({ ...operationsPorts, ...stepFunctionsPorts }));
