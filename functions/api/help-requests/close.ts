import { awsPorts } from '../../../shared/aws-ports';
import { assertCanCoordinate } from '../../../shared/domain/access';
import { apiHandler } from '../../../shared/http/api-handler';
import type { Ports } from '../../../shared/ports';
import { closeHelpRequest } from '../../../shared/services/help-requests';

export const makeHandler = (ports: Ports) =>
  apiHandler({ authorize: assertCanCoordinate }, async ({ identity, path }) => {
    const request = await closeHelpRequest(ports, identity, path.id!);
    return { statusCode: 200, body: { id: request.id, status: request.status, closedAt: request.closedAt } };
  });

export const handler = makeHandler(awsPorts());
