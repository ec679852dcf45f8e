import { awsPorts } from '../../../shared/aws-ports';
import { assertCanManageMunicipalities } from '../../../shared/domain/access';
import { apiHandler } from '../../../shared/http/api-handler';
import type { BasePorts } from '../../../shared/ports';
import { putMunicipalityBodySchema } from '../../../shared/schemas/municipality';
import { putMunicipality } from '../../../shared/services/registry';

export const makeHandler = (ports: BasePorts) =>
  apiHandler(
    { body: putMunicipalityBodySchema, authorize: assertCanManageMunicipalities },
    async ({ identity, body, path }) => {
      const { municipality, created } = await putMunicipality(ports, identity, path.nis!, body);
      return { statusCode: created ? 201 : 200, body: municipality };
    },
  );

export const handler = makeHandler(awsPorts());
