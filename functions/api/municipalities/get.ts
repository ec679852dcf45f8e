import { composePorts } from '../../../shared/compose-ports';
import { apiHandler } from '../../../shared/http/api-handler';
import type { PortsOf } from '../../../shared/manifest/granted-ports';
import { getMunicipality } from '../../../shared/services/registry';
import { registryPorts } from '../../../shared/store/repository-ports';

export const makeHandler = (ports: PortsOf<'getMunicipality'>) =>
  apiHandler({}, async ({ identity, path }) => ({
    statusCode: 200,
    body: await getMunicipality(ports, identity, path.nis!),
  }));

export const handler = makeHandler(composePorts({ ...registryPorts }));
