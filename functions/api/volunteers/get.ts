import { composePorts } from '../../../shared/compose-ports';
import { apiHandler } from '../../../shared/http/api-handler';
import type { PortsOf } from '../../../shared/manifest/granted-ports';
import { getVolunteer } from '../../../shared/services/registry';
import { withTrainingStatus } from '../../../shared/services/training';
import { registryPorts } from '../../../shared/store/repository-ports';

export const makeHandler = (ports: PortsOf<'getVolunteer'>) =>
  apiHandler({}, async ({ identity, path }) => ({
    statusCode: 200,
    body: await withTrainingStatus(ports, await getVolunteer(ports, identity, path.id!)),
  }));

export const handler = makeHandler(composePorts({ ...registryPorts }));
