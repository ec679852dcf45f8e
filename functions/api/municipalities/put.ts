import { composePorts } from '../../../shared/compose-ports';
import { assertCanManageMunicipalities } from '../../../shared/domain/access';
import { apiHandler } from '../../../shared/http/api-handler';
import type { PortsOf } from '../../../shared/manifest/granted-ports';
import { putMunicipalityBodySchema } from '../../../shared/schemas/municipality';
import { putMunicipality } from '../../../shared/services/registry';
import { registryPorts } from '../../../shared/store/repository-ports';

export const makeHandler = (ports: PortsOf<'putMunicipality'>) =>
  apiHandler(
    { body: putMunicipalityBodySchema, authorize: assertCanManageMunicipalities },
    async ({ identity, body, path }) => {
      const { municipality, created } = await putMunicipality(ports, identity, path.nis!, body);
      return { statusCode: created ? 201 : 200, body: municipality };
    },
  );

export const handler = makeHandler(composePorts({ ...registryPorts }));
