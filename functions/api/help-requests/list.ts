import { awsPorts } from '../../../shared/aws-ports';
import { apiHandler } from '../../../shared/http/api-handler';
import type { BasePorts } from '../../../shared/ports';
import { listHelpRequestsQuerySchema } from '../../../shared/schemas/help-request';
import { listHelpRequests } from '../../../shared/services/help-requests';

export const makeHandler = (ports: BasePorts) =>
  apiHandler({}, async ({ identity, query }) => ({
    statusCode: 200,
    body: await listHelpRequests(ports, identity, listHelpRequestsQuerySchema.parse(query)),
  }));

export const handler = makeHandler(awsPorts());
