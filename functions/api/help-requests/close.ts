import { composePorts } from '../../../shared/compose-ports';
import { assertCanCoordinate } from '../../../shared/domain/access';
import { apiHandler } from '../../../shared/http/api-handler';
import type { PortsOf } from '../../../shared/manifest/granted-ports';
import { closeHelpRequest } from '../../../shared/services/help-requests';
import { stepFunctionsPorts } from '../../../shared/workflow/step-functions-ports';

export const makeHandler = (ports: PortsOf<'closeHelpRequest'>) =>
  apiHandler({ authorize: assertCanCoordinate }, async ({ identity, path }) => {
    const request = await closeHelpRequest(ports, identity, path.id!);
    return { statusCode: 200, body: { id: request.id, status: request.status, closedAt: request.closedAt } };
  });

export const handler = makeHandler(composePorts(stepFunctionsPorts));
