import { composePorts } from '../../../shared/compose-ports';
import { apiHandler } from '../../../shared/http/api-handler';
import type { PortsOf } from '../../../shared/manifest/granted-ports';
import { updateVolunteerBodySchema } from '../../../shared/schemas/volunteer';
import { updateVolunteer } from '../../../shared/services/registry';
import { registryPorts } from '../../../shared/store/repository-ports';

export const makeHandler = (ports: PortsOf<'updateVolunteer'>) =>
  apiHandler({ body: updateVolunteerBodySchema }, async ({ identity, body, path }) => ({
    statusCode: 200,
    body: await updateVolunteer(ports, identity, path.id!, body),
  }));

export const handler = makeHandler(composePorts({ ...registryPorts }));
