import { composePorts } from '../../../shared/compose-ports';
import { apiHandler } from '../../../shared/http/api-handler';
import type { PortsOf } from '../../../shared/manifest/granted-ports';
import { viewHelpRequest } from '../../../shared/services/help-requests';
import { adHocPorts, operationsPorts, registryPorts } from '../../../shared/store/repository-ports';

export const makeHandler = (ports: PortsOf<'getHelpRequest'>) =>
  apiHandler({ conditional: true }, async ({ identity, path }) => ({
    statusCode: 200,
    body: await viewHelpRequest(ports, identity, path.id!),
  }));

export const handler = makeHandler(composePorts({ ...registryPorts, ...operationsPorts, ...adHocPorts }));
