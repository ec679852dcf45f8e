import { composePorts } from '../../../shared/compose-ports';
import { apiHandler } from '../../../shared/http/api-handler';
import type { PortsOf } from '../../../shared/manifest/granted-ports';
import { listGroups } from '../../../shared/services/groups';
import { registryPorts } from '../../../shared/store/repository-ports';

export const makeHandler = (ports: PortsOf<'listGroups'>) =>
  apiHandler({}, async ({ identity, path }) => ({
    statusCode: 200,
    body: { groups: await listGroups(ports, identity, path.nis!) },
  }));

export const handler = makeHandler(composePorts({ ...registryPorts }));
