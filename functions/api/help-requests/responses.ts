import { composePorts } from '../../../shared/compose-ports';
import { apiHandler } from '../../../shared/http/api-handler';
import type { PortsOf } from '../../../shared/manifest/granted-ports';
import { requestListPageQuerySchema } from '../../../shared/schemas/help-request';
import { listResponses } from '../../../shared/services/help-requests';
import { adHocPorts, operationsPorts, registryPorts } from '../../../shared/store/repository-ports';

export const makeHandler = (ports: PortsOf<'listHelpRequestResponses'>) =>
  apiHandler({ query: requestListPageQuerySchema }, async ({ identity, path, query }) => ({
    statusCode: 200,
    body: await listResponses(ports, identity, path.id!, query),
  }));

export const handler = makeHandler(composePorts({ ...registryPorts, ...operationsPorts, ...adHocPorts }));
