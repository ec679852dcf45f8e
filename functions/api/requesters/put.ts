import { composePorts } from '../../../shared/compose-ports';
import { assertCanNameRequesters } from '../../../shared/domain/access';
import { apiHandler } from '../../../shared/http/api-handler';
import type { PortsOf } from '../../../shared/manifest/granted-ports';
import { putRequestersBodySchema } from '../../../shared/schemas/requesters';
import { putRequesters } from '../../../shared/services/registry';
import { registryPorts } from '../../../shared/store/repository-ports';

export const makeHandler = (ports: PortsOf<'putRequesters'>) =>
  apiHandler(
    {
      body: putRequestersBodySchema,
      authorize: (identity, path) => assertCanNameRequesters(identity, path.nis!),
    },
    async ({ identity, body, path }) => ({
      statusCode: 200,
      body: await putRequesters(ports, identity, path.nis!, body),
    }),
  );

export const handler = makeHandler(composePorts({ ...registryPorts }));
