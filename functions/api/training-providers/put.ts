import { composePorts } from '../../../shared/compose-ports';
import { assertCanManageMunicipalities } from '../../../shared/domain/access';
import { apiHandler } from '../../../shared/http/api-handler';
import type { PortsOf } from '../../../shared/manifest/granted-ports';
import { providerIdSchema, putTrainingProviderBodySchema } from '../../../shared/schemas/training';
import { putTrainingProvider } from '../../../shared/services/training';
import { registryPorts } from '../../../shared/store/repository-ports';

export const makeHandler = (ports: PortsOf<'putTrainingProvider'>) =>
  apiHandler(
    { body: putTrainingProviderBodySchema, authorize: assertCanManageMunicipalities },
    async ({ identity, body, path }) => ({
      statusCode: 200,
      body: await putTrainingProvider(ports, identity, providerIdSchema.parse(path.id), body),
    }),
  );

export const handler = makeHandler(composePorts({ ...registryPorts }));
