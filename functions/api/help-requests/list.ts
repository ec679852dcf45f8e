import { composePorts } from '../../../shared/compose-ports';
import { apiHandler } from '../../../shared/http/api-handler';
import type { PortsOf } from '../../../shared/manifest/granted-ports';
import { listHelpRequestsQuerySchema } from '../../../shared/schemas/help-request';
import { listHelpRequests } from '../../../shared/services/help-requests';
import { operationsPorts } from '../../../shared/store/repository-ports';

export const makeHandler = (ports: PortsOf<'listHelpRequests'>) =>
  apiHandler({ query: listHelpRequestsQuerySchema }, async ({ identity, query }) => ({
    statusCode: 200,
    body: await listHelpRequests(ports, identity, query),
  }));

export const handler = makeHandler(composePorts({ ...operationsPorts }));
