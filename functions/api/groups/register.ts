import { composePorts } from '../../../shared/compose-ports';
import { assertCanRegisterVolunteer } from '../../../shared/domain/access';
import { apiHandler } from '../../../shared/http/api-handler';
import type { PortsOf } from '../../../shared/manifest/granted-ports';
import { registerGroupBodySchema } from '../../../shared/schemas/group';
import { registerGroup } from '../../../shared/services/groups';
import { registryPorts } from '../../../shared/store/repository-ports';

export const makeHandler = (ports: PortsOf<'registerGroup'>) =>
  apiHandler(
    {
      body: registerGroupBodySchema,
      authorize: (identity, path) => assertCanRegisterVolunteer(identity, path.nis!),
    },
    async ({ identity, body, path }) => ({
      statusCode: 201,
      body: await registerGroup(ports, identity, path.nis!, body),
    }),
  );

export const handler = makeHandler(composePorts({ ...registryPorts }));
