import { awsPorts } from '../../../shared/aws-ports';
import { apiHandler } from '../../../shared/http/api-handler';
import type { BasePorts } from '../../../shared/ports';
import { viewHelpRequest } from '../../../shared/services/help-requests';

export const makeHandler = (ports: BasePorts) =>
  apiHandler({}, async ({ identity, path }) => ({
    statusCode: 200,
    body: await viewHelpRequest(ports, identity, path.id!),
  }));

export const handler = makeHandler(awsPorts());
