import { composePorts } from '../../../shared/compose-ports';
import { apiHandler } from '../../../shared/http/api-handler';
import type { PortsOf } from '../../../shared/manifest/granted-ports';
import { requestListPageQuerySchema } from '../../../shared/schemas/help-request';
import { listOutbox } from '../../../shared/services/help-requests';
import { operationsPorts } from '../../../shared/store/repository-ports';

export const makeHandler = (ports: PortsOf<'listHelpRequestOutbox'>) =>
  apiHandler({ query: requestListPageQuerySchema }, async ({ identity, path, query }) => ({
    statusCode: 200,
    body: await listOutbox(ports, identity, path.id!, query),
  }));

export const handler = makeHandler(composePorts({ ...operationsPorts }));
