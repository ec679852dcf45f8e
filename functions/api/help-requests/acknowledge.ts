import { composePorts } from '../../../shared/compose-ports';
import { assertCanCoordinate } from '../../../shared/domain/access';
import { apiHandler } from '../../../shared/http/api-handler';
import type { PortsOf } from '../../../shared/manifest/granted-ports';
import type { AcknowledgedHelpRequest } from '../../../shared/schemas/help-request';
import { acknowledgeHelpRequest } from '../../../shared/services/help-requests';
import { operationsPorts } from '../../../shared/store/repository-ports';
import { stepFunctionsPorts } from '../../../shared/workflow/step-functions-ports';

export const makeHandler = (ports: PortsOf<'acknowledgeHelpRequest'>) =>
  apiHandler({ authorize: assertCanCoordinate }, async ({ identity, path }) => {
    const request = await acknowledgeHelpRequest(ports, identity, path.id!);
    const body: AcknowledgedHelpRequest = {
      id: request.id,
      acknowledgedAt: request.acknowledgedAt,
      acknowledgedBy: request.acknowledgedBy,
    };
    return { statusCode: 200, body };
  });

export const handler = makeHandler(composePorts({ ...operationsPorts, ...stepFunctionsPorts }));
