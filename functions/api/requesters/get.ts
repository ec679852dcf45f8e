import { composePorts } from '../../../shared/compose-ports';
import { apiHandler } from '../../../shared/http/api-handler';
import type { PortsOf } from '../../../shared/manifest/granted-ports';
import { getRequesters } from '../../../shared/services/officials';
import { registryPorts } from '../../../shared/store/repository-ports';

export const makeHandler = (ports: PortsOf<'getRequesters'>) =>
  apiHandler({}, async ({ identity, path }) => ({
    statusCode: 200,
    body: await getRequesters(ports, identity, path.nis!),
  }));

export const handler = makeHandler(composePorts({ ...registryPorts }));
