import { composePorts } from '../../../shared/compose-ports';
import { assertCanRegisterVolunteer } from '../../../shared/domain/access';
import { apiHandler } from '../../../shared/http/api-handler';
import type { PortsOf } from '../../../shared/manifest/granted-ports';
import { registerVolunteerBodySchema } from '../../../shared/schemas/volunteer';
import { registerVolunteer } from '../../../shared/services/registry';
import { registryPorts } from '../../../shared/store/repository-ports';

export const makeHandler = (ports: PortsOf<'registerVolunteer'>) =>
  apiHandler(
    {
      body: registerVolunteerBodySchema,
      authorize: (identity, path) => assertCanRegisterVolunteer(identity, path.nis!),
    },
    async ({ identity, body, path }) => {
      const volunteer = await registerVolunteer(ports, identity, path.nis!, body);
      return { statusCode: 201, body: volunteer };
    },
  );

export const handler = makeHandler(composePorts({ ...registryPorts }));
