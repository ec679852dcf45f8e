import { composePorts } from '../../../shared/compose-ports';
import { apiHandler } from '../../../shared/http/api-handler';
import type { PortsOf } from '../../../shared/manifest/granted-ports';
import { listVolunteers } from '../../../shared/services/registry';
import { withTrainingStatus } from '../../../shared/services/training';
import { registryPorts } from '../../../shared/store/repository-ports';

export const makeHandler = (ports: PortsOf<'listVolunteers'>) =>
  apiHandler({}, async ({ identity, path }) => ({
    statusCode: 200,
    body: {
      volunteers: await Promise.all(
        (await listVolunteers(ports, identity, path.nis!)).map((v) => withTrainingStatus(ports, v)),
      ),
    },
  }));

export const handler = makeHandler(composePorts({ ...registryPorts }));
